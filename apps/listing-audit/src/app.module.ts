import { Module } from '@nestjs/common';
import { PlatformModule } from '@settle/platform';
import { ListingAuditService } from './service';

@Module({
  imports: [PlatformModule.forService(ListingAuditService)],
})
export class AppModule {}
