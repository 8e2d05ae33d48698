import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { checklistOf, CommandType, EventType, type EvidenceChecklist } from '@settle/contracts';
import { Outbox, TransactionRunner, type OutgoingEvent } from '@settle/messaging';
import { Clock, SERVICE_DEFINITION, type ServiceDefinition, schemaOf } from '@settle/platform';
import { Client } from 'pg';
import { DisputesRepository } from '../disputes/disputes.repository';
import { EscalationsRepository } from '../escalations/escalations.repository';
import { deadlinesChannel } from '../migrations/1765100000000-escalation-timer-tables';
import { command, deadlineEvent, newId, TIMER_ACTOR } from '../shared/outgoing';
import { TimerConfig } from '../shared/timer.config';
import { DEADLINE_COMMAND, dueAction, nextFireAt, OPEN_ACTIONS } from './deadline-rules';
import { DeadlinesRepository, type ClaimedDeadline, type ClaimOutcome } from './deadlines.repository';

/**
 * Fires due deadlines (docs/ARCHITECTURE.md rule 7 and "Known traps"). An in-process timer is armed for the earliest
 * pending row; a LISTEN connection re-arms it when the trigger announces an earlier one. When it rings, due rows
 * are claimed in batches with FOR UPDATE SKIP LOCKED and, in the same transaction, their commands and events go to
 * the outbox and the rows are marked: any number of replicas may run, a crash loses and duplicates nothing.
 */
@Injectable()
export class DeadlineClaimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineClaimer');
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private armedFor = Number.POSITIVE_INFINITY;
  private running = false;
  private again = false;
  private stopped = false;
  private current?: Promise<void>;
  /** Rows this replica fired (metrics and tests). */
  fired = 0;

  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly escalations: EscalationsRepository,
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly config: TimerConfig,
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (message) => {
      const at = Number(message.payload);
      if (Number.isFinite(at) && at < this.armedFor) this.arm(at);
    });
    client.on('error', (error) => {
      this.logger.warn(`deadline listener lost (${error.message}); reconnecting`);
      void this.reconnect(client);
    });
    await client.connect();
    await client.query(`LISTEN "${deadlinesChannel(schemaOf(this.config, this.definition))}"`);
    this.listener = client;
  }

  private async reconnect(lost: Client): Promise<void> {
    if (this.listener !== lost || this.stopped) return;
    this.listener = undefined;
    await lost.end().catch(() => undefined);
    while (!this.stopped) {
      try {
        await this.listen();
        this.wake(); // a notification may have been missed meanwhile
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  /** Arms the timer for `atMs` (or the longest sleep, whichever is sooner). */
  private arm(atMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(atMs - this.clock.now().getTime(), this.config.DEADLINE_MAX_SLEEP_MS));
    this.armedFor = atMs;
    this.timer = setTimeout(() => this.wake(), delay);
  }

  /** Fires what is due now, then arms the timer for the next pending row. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.armedFor = Number.POSITIVE_INFINITY;
    this.current = this.cycle().finally(() => {
      this.running = false;
    });
  }

  private async cycle(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.stopped);
      const next = await this.deadlines.earliestPending();
      this.arm(next ? next.getTime() : this.clock.now().getTime() + this.config.DEADLINE_MAX_SLEEP_MS);
    } catch (error) {
      if (this.stopped) return;
      this.logger.error(`firing deadlines failed: ${(error as Error).message}; retrying in 1 s`);
      this.arm(this.clock.now().getTime() + 1_000);
    }
  }

  /**
   * Fires every due row: one batch first, and while batches come back full (a backlog), up to
   * DEADLINE_CLAIM_CONCURRENCY batches at a time until one comes back short.
   */
  private async drain(): Promise<void> {
    if (this.stopped || (await this.fireBatch()) < this.config.DEADLINE_BATCH_SIZE) return;
    const worker = async (): Promise<void> => {
      while (!this.stopped && (await this.fireBatch()) === this.config.DEADLINE_BATCH_SIZE);
    };
    await Promise.all(Array.from({ length: this.config.DEADLINE_CLAIM_CONCURRENCY }, worker));
  }

  /** Claims one batch of due rows and fires them in one transaction; returns how many it claimed. */
  async fireBatch(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const now = this.clock.now();
      const rows = await this.deadlines.claimDue(tx, now, this.config.DEADLINE_BATCH_SIZE);
      if (rows.length === 0) return 0;
      const outcomes: ClaimOutcome[] = [];
      const events: OutgoingEvent[] = [];
      const overdue: string[] = [];
      const due = rows.map((row) => ({ row, action: dueAction(row, now) }));
      const checklists = await this.disputes.evidenceChecklists(
        due.filter(({ row, action }) => action.type === 'REMIND' && remindsSeller(row)).map(({ row }) => row.disputeId),
        tx,
      );
      for (const { row, action } of due) {
        if (action.type === 'REMIND') {
          events.push(reminder(row, now, remindsSeller(row) ? checklists.get(row.disputeId) : undefined));
          outcomes.push({ id: row.id, outcome: 'REMINDED', fireAt: nextFireAt(row.dueAt, null, now), commandId: null });
          continue;
        }
        const sent = commandFor(row, now);
        if (sent) events.push(sent.event);
        if (row.kind === 'STAFF_RULING_SLA') overdue.push(row.disputeId);
        events.push(passed(row, now, sent?.commandId, sent ? (sent.event.type as CommandType) : undefined));
        outcomes.push({ id: row.id, outcome: 'FIRED', fireAt: null, commandId: sent?.commandId ?? null });
      }
      await this.deadlines.recordClaims(tx, outcomes, now);
      if (overdue.length > 0) await this.escalations.flagOverdue(tx, overdue, now);
      await this.outbox.append(tx, events);
      this.fired += outcomes.filter((outcome) => outcome.outcome === 'FIRED').length;
      return rows.length;
    });
  }
}

/** A reminder the seller receives (negotiation forwards SELLER and BOTH reminders to the seller's webhooks). */
function remindsSeller(row: ClaimedDeadline): boolean {
  return row.party === 'SELLER' || row.party === 'BOTH';
}

/** The reminder; to the seller, with the seller's part of the evidence checklist when it asks anything of it. */
function reminder(row: ClaimedDeadline, now: Date, checklist?: EvidenceChecklist): OutgoingEvent {
  const sellers = checklist ? checklistOf(checklist, 'SELLER') : undefined;
  return deadlineEvent(EventType.DEADLINE_REMINDER, row.disputeId, row.sellerId, {
    deadlineId: row.id,
    disputeId: row.disputeId,
    kind: row.kind,
    dueAt: row.dueAt.toISOString(),
    party: row.party,
    openActions: OPEN_ACTIONS[row.kind],
    remindedAt: now.toISOString(),
    ...(sellers && sellers.items.length > 0 ? { evidenceChecklist: sellers } : {}),
  });
}

function passed(row: ClaimedDeadline, now: Date, commandId?: string, commandType?: CommandType): OutgoingEvent {
  return deadlineEvent(EventType.DEADLINE_PASSED, row.disputeId, row.sellerId, {
    deadlineId: row.id,
    disputeId: row.disputeId,
    kind: row.kind,
    dueAt: row.dueAt.toISOString(),
    party: row.party,
    passedAt: now.toISOString(),
    basedOnVersion: row.basedOnVersion,
    ...(commandId && commandType ? { commandId, commandType } : {}),
  });
}

/** docs/DOMAIN.md's "when it passes" column, as the command the owner applies. */
function commandFor(row: ClaimedDeadline, now: Date): { commandId: string; event: OutgoingEvent } | null {
  const type = DEADLINE_COMMAND[row.kind];
  if (!type) return null;
  const commandId = newId();
  const base = {
    commandId,
    disputeId: row.disputeId,
    expectedVersion: row.disputeVersion,
    actor: TIMER_ACTOR,
    issuedAt: now.toISOString(),
    deadlineId: row.id,
  };
  switch (type) {
    case CommandType.AUTO_ACCEPT:
      if (!row.proposalId) return null;
      return { commandId, event: command(type, row.disputeId, row.sellerId, { ...base, proposalId: row.proposalId }) };
    case CommandType.ESCALATE:
      return {
        commandId,
        event: command(type, row.disputeId, row.sellerId, { ...base, cause: 'INTERVENTION_DEADLINE' }),
      };
    default:
      return { commandId, event: command(type, row.disputeId, row.sellerId, base) };
  }
}
