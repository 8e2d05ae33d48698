import { Module } from '@nestjs/common';
import { PlatformModule } from '@settle/platform';
import { CaseContextController } from './context/case-context.controller';
import { CaseContextService } from './context/case-context.service';
import { OrderEventsConsumer } from './context/order-events.consumer';
import { OrderHistoryService } from './context/order-history.service';
import { OrdersRepository } from './context/orders.repository';
import { CommandOutcomes } from './disputes/command-outcomes';
import { DisputeEventsConsumer } from './disputes/dispute-events.consumer';
import { DisputeEventsService } from './disputes/dispute-events.service';
import { DisputesRepository } from './disputes/disputes.repository';
import { PartyActionsController } from './disputes/party-actions.controller';
import { PartyActionsService } from './disputes/party-actions.service';
import { MessagesController } from './messages/messages.controller';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { NegotiationService } from './service';
import { IncidentDisputesService } from './supply-incidents/incident-disputes.service';
import { IncidentProposalWorker } from './supply-incidents/incident-proposals.worker';
import { IncidentSettlement } from './supply-incidents/incident-settlement.service';
import { ListingEventsConsumer } from './supply-incidents/listing-events.consumer';
import { SupplyIncidentsController } from './supply-incidents/supply-incidents.controller';
import { SupplyIncidentsRepository } from './supply-incidents/supply-incidents.repository';
import { SupplyIncidentsService } from './supply-incidents/supply-incidents.service';
import { SupplyListingsService } from './supply-incidents/supply-listings.service';
import { TemplatesController } from './templates/templates.controller';
import { DeadlineEventsConsumer } from './webhooks/deadline-events.consumer';
import { DeadlineRemindersService } from './webhooks/deadline-reminders.service';
import { UrlGuard } from './webhooks/url-guard';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookEndpointsController } from './webhooks/webhook-endpoints.controller';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service';
import { WebhookQueue } from './webhooks/webhook-queue.service';
import { WebhookDeliveriesRepository } from './webhooks/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhooks/webhook-endpoints.repository';

@Module({
  imports: [PlatformModule.forService(NegotiationService)],
  controllers: [
    PartyActionsController,
    MessagesController,
    TemplatesController,
    CaseContextController,
    WebhookEndpointsController,
    DisputeEventsConsumer,
    DeadlineEventsConsumer,
    OrderEventsConsumer,
    SupplyIncidentsController,
    ListingEventsConsumer,
  ],
  providers: [
    DisputesRepository,
    CommandOutcomes,
    PartyActionsService,
    DisputeEventsService,
    MessagesRepository,
    MessagesService,
    OrdersRepository,
    OrderHistoryService,
    CaseContextService,
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookQueue,
    UrlGuard,
    WebhookDispatcher,
    WebhookEndpointsService,
    DeadlineRemindersService,
    SupplyIncidentsRepository,
    SupplyIncidentsService,
    SupplyListingsService,
    IncidentSettlement,
    IncidentProposalWorker,
    IncidentDisputesService,
  ],
})
export class AppModule {}
