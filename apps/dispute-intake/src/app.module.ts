import { Module } from '@nestjs/common';
import { PlatformModule } from '@settle/platform';
import { DisputeIntakeService } from './service';

@Module({
  imports: [PlatformModule.forService(DisputeIntakeService)],
})
export class AppModule {}
