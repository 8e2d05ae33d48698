import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '@settle/platform';
import { IntakeConfig } from '../config/intake.config';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceObjectStore } from './object-store';

/**
 * Deletes evidence objects that have no row: what a crash (or a lost connection to Postgres) between storing a file
 * and committing its row leaves behind. An object is only deleted once it is older than EVIDENCE_ORPHAN_GRACE_MS, so
 * an upload still on its way to its commit is never touched. Every replica may sweep: a delete is idempotent.
 * (Parts of multipart uploads cut off by a crash are S3's to expire: give the bucket a lifecycle rule
 * AbortIncompleteMultipartUpload; they are not objects and are never served.)
 */
@Injectable()
export class EvidenceSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EvidenceSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly store: EvidenceObjectStore,
    private readonly evidence: EvidenceRepository,
    private readonly clock: Clock,
    private readonly config: IntakeConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.EVIDENCE_SWEEP_INTERVAL_MS;
    if (!this.store.configured || every === 0) return;
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn(`evidence sweep failed: ${String(error)}`));
    }, every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns how many objects it deleted. One pass at a time per process. */
  sweep(graceMs = this.config.EVIDENCE_ORPHAN_GRACE_MS): Promise<number> {
    this.running ??= this.pass(graceMs).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(graceMs: number): Promise<number> {
    const cutoff = this.clock.now().getTime() - graceMs;
    const candidates = new Map<string, string[]>();
    for await (const object of this.store.list()) {
      const evidenceId = this.store.evidenceIdOf(object.key);
      if (!evidenceId || object.lastModified.getTime() > cutoff) continue;
      candidates.set(evidenceId, [...(candidates.get(evidenceId) ?? []), object.key]);
    }
    let deleted = 0;
    const ids = [...candidates.keys()];
    for (let start = 0; start < ids.length; start += 500) {
      const batch = ids.slice(start, start + 500);
      const recorded = await this.evidence.existing(batch);
      for (const evidenceId of batch) {
        if (recorded.has(evidenceId)) continue;
        for (const key of candidates.get(evidenceId) ?? []) {
          await this.store.delete(key);
          deleted += 1;
        }
      }
    }
    if (deleted > 0) this.logger.log(`deleted ${deleted} evidence object(s) without a row (older than ${graceMs} ms)`);
    return deleted;
  }
}
