import { Module } from '@nestjs/common';
import { PlatformModule, policyProvider } from '@settle/platform';
import { CommandsConsumer } from './commands/commands.consumer';
import { CommandsService } from './commands/commands.service';
import { DisputeCommandsService } from './disputes/dispute-commands.service';
import { DisputeOpeningService } from './disputes/dispute-opening.service';
import { DisputeRecorder } from './disputes/dispute-recorder';
import { DisputesController } from './disputes/disputes.controller';
import { DisputesRepository } from './disputes/disputes.repository';
import { DisputesService } from './disputes/disputes.service';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidencePreserver } from './evidence/evidence-preserver';
import { EvidenceUrlConsumer } from './evidence/evidence-url.consumer';
import { EvidenceRepository } from './evidence/evidence.repository';
import { EvidenceService } from './evidence/evidence.service';
import { EvidenceSweeper } from './evidence/evidence-sweeper';
import { EvidenceObjectStore } from './evidence/object-store';
import { EvidenceUrlFetcher } from './evidence/url-fetcher';
import { InboundController } from './inbound/inbound.controller';
import { InboundRepository } from './inbound/inbound.repository';
import { InboundService } from './inbound/inbound.service';
import { ListingsConsumer } from './listings/listings.consumer';
import { ListingsRepository } from './listings/listings.repository';
import { ListingsService } from './listings/listings.service';
import { MessagesConsumer } from './messages/messages.consumer';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRepository } from './metrics/metrics.repository';
import { MetricsService } from './metrics/metrics.service';
import { OrdersConsumer } from './orders/orders.consumer';
import { OrdersRepository } from './orders/orders.repository';
import { OrdersService } from './orders/orders.service';
import { DisputeIntakeService } from './service';

@Module({
  imports: [PlatformModule.forService(DisputeIntakeService)],
  controllers: [
    DisputesController,
    MetricsController,
    InboundController,
    EvidenceController,
    EvidenceUrlConsumer,
    CommandsConsumer,
    OrdersConsumer,
    ListingsConsumer,
    MessagesConsumer,
  ],
  providers: [
    policyProvider,
    DisputesRepository,
    DisputeRecorder,
    DisputeCommandsService,
    DisputeOpeningService,
    DisputesService,
    CommandsService,
    OrdersRepository,
    OrdersService,
    ListingsRepository,
    ListingsService,
    InboundRepository,
    InboundService,
    MessagesRepository,
    MessagesService,
    MetricsRepository,
    MetricsService,
    EvidenceObjectStore,
    EvidenceRepository,
    EvidenceService,
    EvidenceSweeper,
    EvidenceUrlFetcher,
    EvidencePreserver,
  ],
})
export class AppModule {}
