import { Module } from '@nestjs/common';
import { PlatformModule } from '@settle/platform';
import { AuditsConsumer } from './audits/audits.consumer';
import { AuditsController } from './audits/audits.controller';
import { AuditsRepository } from './audits/audits.repository';
import { AUDIT_CONFIG, AuditsService } from './audits/audits.service';
import { ListingEventsService } from './audits/listing-events.service';
import { ListingAuditConfig } from './config/listing-audit.config';
import { FeedbackConsumer } from './feedback/feedback.consumer';
import { FeedbackRepository } from './feedback/feedback.repository';
import { FeedbackService } from './feedback/feedback.service';
import { ImageProber } from './images/image-prober';
import { SupplyIncidentsRepository } from './incidents/supply-incidents.repository';
import { SupplyIncidentsService } from './incidents/supply-incidents.service';
import { loadAuditConfig } from './rules/config-file';
import { RulesController } from './rules/rules.controller';
import { ListingAuditService } from './service';

@Module({
  imports: [PlatformModule.forService(ListingAuditService)],
  controllers: [AuditsController, RulesController, AuditsConsumer, FeedbackConsumer],
  providers: [
    {
      provide: AUDIT_CONFIG,
      inject: [ListingAuditConfig],
      useFactory: (config: ListingAuditConfig) =>
        loadAuditConfig(config.AUDIT_RULES_FILE, config.AUDIT_FEEDBACK_THRESHOLD),
    },
    ImageProber,
    AuditsRepository,
    AuditsService,
    ListingEventsService,
    FeedbackRepository,
    FeedbackService,
    SupplyIncidentsRepository,
    SupplyIncidentsService,
  ],
})
export class AppModule {}
