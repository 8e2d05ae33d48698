import { Module } from '@nestjs/common';
import { PlatformModule } from '@settle/platform';
import { CaseContextController } from './context/case-context.controller';
import { CaseContextService } from './context/case-context.service';
import { OrderEventsConsumer, OrderHistoryService } from './context/order-events.consumer';
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
import { TransactionRunner } from './shared/transaction.repository';
import { TemplatesController } from './templates/templates.controller';
import { DeadlineEventsConsumer, DeadlineRemindersService } from './webhooks/deadline-events.consumer';
import { UrlGuard } from './webhooks/url-guard';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookEndpointsController } from './webhooks/webhook-endpoints.controller';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service';
import { WebhookQueue } from './webhooks/webhook-queue.service';
import { WebhooksRepository } from './webhooks/webhooks.repository';

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
  ],
  providers: [
    TransactionRunner,
    DisputesRepository,
    CommandOutcomes,
    PartyActionsService,
    DisputeEventsService,
    MessagesRepository,
    MessagesService,
    OrdersRepository,
    OrderHistoryService,
    CaseContextService,
    WebhooksRepository,
    WebhookQueue,
    UrlGuard,
    WebhookDispatcher,
    WebhookEndpointsService,
    DeadlineRemindersService,
  ],
})
export class AppModule {}
