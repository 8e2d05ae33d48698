import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DisputeEvidenceEntity } from './evidence.entity';
import type { Transaction } from '@settle/messaging';

/** The evidence links of disputes (the chain's head is DisputesRepository's). */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** What the dispute holds: stored bytes and preserved files (in `tx` to count under the dispute's lock). */
  async totals(disputeId: string, tx?: Transaction): Promise<{ bytes: number; files: number }> {
    const [row] = await (tx ?? this.dataSource.manager).query<{ bytes: string; files: number }[]>(
      `SELECT coalesce(sum(stored_bytes), 0)::text AS bytes, count(*) FILTER (WHERE preserved)::int AS files
         FROM dispute_evidence WHERE dispute_id = $1`,
      [disputeId],
    );
    return { bytes: Number(row?.bytes ?? 0), files: row?.files ?? 0 }; // an aggregate: always one row
  }

  async insert(tx: Transaction, rows: DisputeEvidenceEntity[]): Promise<void> {
    await tx.insert(DisputeEvidenceEntity, rows as QueryDeepPartialEntity<DisputeEvidenceEntity>[]);
  }

  async exists(evidenceId: string, tx?: Transaction): Promise<boolean> {
    const rows = await (tx ?? this.dataSource.manager).query<unknown[]>(
      `SELECT 1 FROM dispute_evidence WHERE evidence_id = $1`,
      [evidenceId],
    );
    return rows.length > 0;
  }

  async find(evidenceId: string): Promise<DisputeEvidenceEntity | null> {
    return this.dataSource.manager.findOneBy(DisputeEvidenceEntity, { evidenceId });
  }

  /** A dispute's evidence, in chain order. */
  async ofDispute(disputeId: string): Promise<DisputeEvidenceEntity[]> {
    return this.dataSource.manager.find(DisputeEvidenceEntity, { where: { disputeId }, order: { chainSeq: 'ASC' } });
  }

  /** Of `evidenceIds`, those that have a row. */
  async existing(evidenceIds: readonly string[]): Promise<Set<string>> {
    if (evidenceIds.length === 0) return new Set();
    const rows = await this.dataSource.manager.find(DisputeEvidenceEntity, {
      select: { evidenceId: true },
      where: { evidenceId: In([...evidenceIds]) },
    });
    return new Set(rows.map((row) => row.evidenceId));
  }
}
