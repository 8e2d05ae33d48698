import { Module } from '@nestjs/common';
import { PlatformModule, policyProvider } from '@settle/platform';
import { DeadlineAdjuster } from './deadlines/deadline-adjuster';
import { DeadlineClaimer } from './deadlines/deadline-claimer';
import { DeadlineScheduler } from './deadlines/deadline-scheduler';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { DeadlinesRepository } from './deadlines/deadlines.repository';
import { DeadlinesService } from './deadlines/deadlines.service';
import { DisputeEventsConsumer } from './disputes/dispute-events.consumer';
import { CustomsHoldsService } from './disputes/customs-holds.service';
import { DisputeMessagesService } from './disputes/dispute-messages.service';
import { DisputeProjectionService } from './disputes/dispute-projection.service';
import { DisputesRepository } from './disputes/disputes.repository';
import { IncidentEventsConsumer } from './incidents/incident-events.consumer';
import { IncidentOrdersService } from './incidents/incident-orders.service';
import { SupplyIncidentsRepository } from './incidents/supply-incidents.repository';
import { SupplyIncidentsService } from './incidents/supply-incidents.service';
import { EscalationsController } from './escalations/escalations.controller';
import { EscalationsRepository } from './escalations/escalations.repository';
import { EscalationsService } from './escalations/escalations.service';
import { PredictionController } from './prediction/prediction.controller';
import { PredictionService } from './prediction/prediction.service';
import { EscalationTimerService } from './service';

@Module({
  imports: [PlatformModule.forService(EscalationTimerService)],
  controllers: [
    DisputeEventsConsumer,
    IncidentEventsConsumer,
    DeadlinesController,
    EscalationsController,
    PredictionController,
  ],
  providers: [
    policyProvider,
    DeadlinesRepository,
    DisputesRepository,
    EscalationsRepository,
    DeadlineScheduler,
    DeadlineClaimer,
    DeadlineAdjuster,
    DeadlinesService,
    DisputeProjectionService,
    CustomsHoldsService,
    DisputeMessagesService,
    SupplyIncidentsRepository,
    SupplyIncidentsService,
    IncidentOrdersService,
    PredictionService,
    EscalationsService,
  ],
})
export class AppModule {}
