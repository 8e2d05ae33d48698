import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActorDto } from '@settle/contracts';
import { DataSource } from 'typeorm';
import type { Transaction } from '@settle/messaging';
import type { DisputeView } from './projection';

export const CommandStatus = { PENDING: 'PENDING', APPLIED: 'APPLIED', REJECTED: 'REJECTED' } as const;
export type CommandStatus = (typeof CommandStatus)[keyof typeof CommandStatus];

export interface SentCommand {
  id: string;
  disputeId: string;
  type: string;
  actor: ActorDto;
  expectedVersion: number;
  status: CommandStatus;
  outcome: Record<string, unknown> | null;
  createdAt: string;
  resolvedAt: string | null;
}

interface ProjectionRow {
  id: string;
  seller_id: string;
  buyer_id: string;
  order_id: string;
  listing_id: string;
  reason: string;
  sub_reason: string;
  buyer_locale: string;
  status: DisputeView['status'];
  version: number;
  requested: DisputeView['requested'];
  order_snapshot: DisputeView['order'];
  proposals: DisputeView['proposals'];
  deadlines: DisputeView['deadlines'];
  resolution: DisputeView['resolution'];
  opened_at: Date;
  updated_at: Date;
}

interface CommandRow {
  id: string;
  dispute_id: string;
  type: string;
  actor: ActorDto;
  expected_version: number;
  status: CommandStatus;
  outcome: Record<string, unknown> | null;
  created_at: Date;
  resolved_at: Date | null;
}

@Injectable()
export class DisputesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findView(id: string, tx?: Transaction, forUpdate = false): Promise<DisputeView | undefined> {
    const runner = tx ?? this.dataSource.manager;
    const rows = await runner.query<ProjectionRow[]>(
      `SELECT * FROM dispute_projection WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toView(rows[0]) : undefined;
  }

  /** The views of these disputes (those known here), by id. */
  async findViews(ids: string[], tx: Transaction): Promise<Map<string, DisputeView>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.query<ProjectionRow[]>(`SELECT * FROM dispute_projection WHERE id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((row) => [row.id, toView(row)]));
  }

  async saveView(tx: Transaction, view: DisputeView): Promise<void> {
    await tx.query(
      `INSERT INTO dispute_projection (id, seller_id, buyer_id, order_id, listing_id, reason, sub_reason, buyer_locale,
         status, version, requested, order_snapshot, proposals, deadlines, resolution, opened_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version,
         proposals = EXCLUDED.proposals, deadlines = EXCLUDED.deadlines, resolution = EXCLUDED.resolution,
         updated_at = EXCLUDED.updated_at`,
      [
        view.id,
        view.sellerId,
        view.buyerId,
        view.orderId,
        view.listingId,
        view.reason,
        view.subReason,
        view.buyerLocale,
        view.status,
        view.version,
        JSON.stringify(view.requested),
        JSON.stringify(view.order),
        JSON.stringify(view.proposals),
        JSON.stringify(view.deadlines),
        view.resolution === null ? null : JSON.stringify(view.resolution),
        view.openedAt,
        view.updatedAt,
      ],
    );
  }

  /** This seller's disputes with this buyer (the seller's case context: nothing about other sellers). */
  async viewsOfBuyerWithSeller(sellerId: string, buyerId: string): Promise<DisputeView[]> {
    const rows = await this.dataSource.query<ProjectionRow[]>(
      `SELECT * FROM dispute_projection WHERE seller_id = $1 AND buyer_id = $2 ORDER BY opened_at`,
      [sellerId, buyerId],
    );
    return rows.map(toView);
  }

  /** Commands sent to the owner, PENDING until it answers: one statement for any number (a supply incident's batch). */
  async insertCommands(tx: Transaction, commands: Omit<SentCommand, 'status' | 'outcome' | 'resolvedAt'>[]) {
    if (commands.length === 0) return;
    await tx.query(
      `INSERT INTO dispute_commands (id, dispute_id, type, actor, expected_version, status, created_at)
       SELECT c.id, c.dispute_id, c.type, c.actor, c.expected_version, 'PENDING', c.created_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::int[], $6::timestamptz[])
         AS c (id, dispute_id, type, actor, expected_version, created_at)`,
      [
        commands.map((command) => command.id),
        commands.map((command) => command.disputeId),
        commands.map((command) => command.type),
        commands.map((command) => JSON.stringify(command.actor)),
        commands.map((command) => command.expectedVersion),
        commands.map((command) => command.createdAt),
      ],
    );
  }

  /** Records the owner's answer to a command this service sent; false when it is not ours or already answered. */
  async resolveCommand(
    tx: Transaction,
    id: string,
    status: CommandStatus,
    outcome: Record<string, unknown>,
    at: string,
  ): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `UPDATE dispute_commands SET status = $2, outcome = $3, resolved_at = $4
       WHERE id = $1 AND status = 'PENDING' RETURNING id`,
      [id, status, JSON.stringify(outcome), at],
    );
    // pg returns [rows, count] for UPDATE ... RETURNING through TypeORM's query
    const updated = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return updated.length > 0;
  }

  async findCommand(id: string): Promise<SentCommand | undefined> {
    const rows = await this.dataSource.query<CommandRow[]>(`SELECT * FROM dispute_commands WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      disputeId: row.dispute_id,
      type: row.type,
      actor: row.actor,
      expectedVersion: row.expected_version,
      status: row.status,
      outcome: row.outcome,
      createdAt: row.created_at.toISOString(),
      resolvedAt: row.resolved_at?.toISOString() ?? null,
    };
  }
}

function toView(row: ProjectionRow): DisputeView {
  return {
    id: row.id,
    sellerId: row.seller_id,
    buyerId: row.buyer_id,
    orderId: row.order_id,
    listingId: row.listing_id,
    reason: row.reason,
    subReason: row.sub_reason,
    buyerLocale: row.buyer_locale,
    status: row.status,
    version: row.version,
    requested: row.requested,
    order: row.order_snapshot,
    proposals: row.proposals,
    deadlines: row.deadlines,
    resolution: row.resolution,
    openedAt: row.opened_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
