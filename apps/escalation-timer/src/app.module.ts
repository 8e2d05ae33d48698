import { Module } from '@nestjs/common';
import { PlatformModule } from '@settle/platform';
import { EscalationTimerService } from './service';

@Module({
  imports: [PlatformModule.forService(EscalationTimerService)],
})
export class AppModule {}
