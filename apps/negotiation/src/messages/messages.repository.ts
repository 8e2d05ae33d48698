import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActorDto, EvidenceItemDto, MessageLintDto } from '@settle/contracts';
import { DataSource } from 'typeorm';
import type { Transaction } from '@settle/messaging';

export interface DisputeMessage {
  messageId: string;
  disputeId: string;
  author: ActorDto;
  body: string;
  locale?: string;
  attachments: EvidenceItemDto[];
  lint: MessageLintDto;
  postedAt: string;
}

type Row = {
  id: string;
  dispute_id: string;
  author_role: ActorDto['role'];
  author_id: string;
  body: string;
  locale: string | null;
  attachments: EvidenceItemDto[];
  lint: MessageLintDto;
  posted_at: Date;
};

/** Messages are append-only: this repository inserts and reads, never updates or deletes. */
@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(tx: Transaction, message: DisputeMessage): Promise<void> {
    await tx.query(
      `INSERT INTO dispute_messages (id, dispute_id, author_role, author_id, body, locale, attachments, lint, posted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        message.messageId,
        message.disputeId,
        message.author.role,
        message.author.id,
        message.body,
        message.locale ?? null,
        JSON.stringify(message.attachments),
        JSON.stringify(message.lint),
        message.postedAt,
      ],
    );
  }

  /** Oldest first (ids are UUIDv7: their order is the posting order), after `afterId` when paging. */
  async list(disputeId: string, afterId: string | undefined, limit: number): Promise<DisputeMessage[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM dispute_messages WHERE dispute_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id LIMIT $3`,
      [disputeId, afterId ?? null, limit],
    );
    return rows.map((row) => ({
      messageId: row.id,
      disputeId: row.dispute_id,
      author: { role: row.author_role, id: row.author_id },
      body: row.body,
      ...(row.locale ? { locale: row.locale } : {}),
      attachments: row.attachments,
      lint: row.lint,
      postedAt: row.posted_at.toISOString(),
    }));
  }
}
