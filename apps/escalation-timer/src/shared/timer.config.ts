import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@settle/platform';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** escalation-timer's environment: the platform's, plus the claimer's batch size and safety re-check. */
export class TimerConfig extends ServiceConfig {
  /** Due rows claimed per transaction. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  DEADLINE_BATCH_SIZE = 1_000;

  /**
   * Batches claimed at once while a backlog lasts, each in its own transaction (SKIP LOCKED keeps them apart): one
   * builds its events while another's statements run in Postgres.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  DEADLINE_CLAIM_CONCURRENCY = 2;

  /**
   * The longest the claimer sleeps without a notification (a lost NOTIFY, a clock jump). Not a poll: the timer
   * is armed for the earliest pending row, and NOTIFY re-arms it when an earlier one arrives.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DEADLINE_MAX_SLEEP_MS = 30_000;

  /** How long an action on a dispute this service has not heard of yet (just opened) waits for it before 404. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30_000)
  PARTY_ACTION_WAIT_MS = 2_000;
}
