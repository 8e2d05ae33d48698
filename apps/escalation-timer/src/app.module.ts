import { Module } from '@nestjs/common';
import { PlatformModule, policyProvider } from '@settle/platform';
import { DeadlineClaimer } from './deadlines/deadline-claimer';
import { DeadlineScheduler } from './deadlines/deadline-scheduler';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { DeadlinesRepository } from './deadlines/deadlines.repository';
import { DeadlinesService } from './deadlines/deadlines.service';
import { DisputeEventsConsumer } from './disputes/dispute-events.consumer';
import { DisputeEventsService } from './disputes/dispute-events.service';
import { DisputesRepository } from './disputes/disputes.repository';
import { EscalationsController } from './escalations/escalations.controller';
import { EscalationsRepository } from './escalations/escalations.repository';
import { EscalationsService } from './escalations/escalations.service';
import { PredictionController } from './prediction/prediction.controller';
import { PredictionService } from './prediction/prediction.service';
import { EscalationTimerService } from './service';

@Module({
  imports: [PlatformModule.forService(EscalationTimerService)],
  controllers: [DisputeEventsConsumer, DeadlinesController, EscalationsController, PredictionController],
  providers: [
    policyProvider,
    DeadlinesRepository,
    DisputesRepository,
    EscalationsRepository,
    DeadlineScheduler,
    DeadlineClaimer,
    DeadlinesService,
    DisputeEventsService,
    PredictionService,
    EscalationsService,
  ],
})
export class AppModule {}
