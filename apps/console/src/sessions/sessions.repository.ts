import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SessionEntity } from './session.entity';

/** The sessions table: the only place it is touched. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(session: SessionEntity): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).insert(session);
  }

  async find(tokenHash: string): Promise<SessionEntity | null> {
    return this.dataSource.getRepository(SessionEntity).findOneBy({ tokenHash });
  }

  async touch(tokenHash: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2`, [
      tokenHash,
      at,
    ]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
  }

  /** Sessions idle since before `before` (found by the last_seen_at index). */
  async deleteIdle(before: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE last_seen_at < $1`, [before]);
  }
}
