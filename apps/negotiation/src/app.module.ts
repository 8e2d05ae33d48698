import { Module } from '@nestjs/common';
import { PlatformModule } from '@settle/platform';
import { NegotiationService } from './service';

@Module({
  imports: [PlatformModule.forService(NegotiationService)],
})
export class AppModule {}
