import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@settle/platform';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value) : value;

const DURATION = /^P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/;
const DURATION_LIST =
  /^P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?(?:,P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)*$/;

/** negotiation's environment: the platform's, plus how long party actions wait and how webhooks are delivered. */
export class NegotiationConfig extends ServiceConfig {
  /**
   * How long a party action waits for the owner's answer before replying 202 with Location, and for a dispute
   * this service has not heard of yet (just opened) before answering 404.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30_000)
  PARTY_ACTION_WAIT_MS = 2_000;

  /**
   * Delay before each delivery attempt, ISO-8601 durations, comma-separated (docs/CONTRACT.md: immediately, 5 s, 5 min,
   * 30 min, 2 h, 5 h, 10 h, 10 h). The number of entries is the number of attempts.
   */
  @Matches(DURATION_LIST, {
    message: 'WEBHOOK_RETRY_SCHEDULE must be ISO-8601 durations separated by commas (PT0S,PT5S,...)',
  })
  WEBHOOK_RETRY_SCHEDULE = 'PT0S,PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H';

  /** Up to this share of each retry delay is added at random, so retries of many deliveries spread out. */
  @Transform(toInt)
  @IsNumber()
  @Min(0)
  @Max(1)
  WEBHOOK_RETRY_JITTER = 0.1;

  /** Any 2xx within this time is success. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 15_000;

  /** An endpoint failing for this long is disabled and the seller told. */
  @Matches(DURATION, { message: 'WEBHOOK_DISABLE_AFTER must be an ISO-8601 duration (P5D)' })
  WEBHOOK_DISABLE_AFTER = 'P5D';

  /** After a rotation, the old secret keeps signing (beside the new one) for this long. */
  @Matches(DURATION, { message: 'WEBHOOK_SECRET_OVERLAP must be an ISO-8601 duration (PT24H)' })
  WEBHOOK_SECRET_OVERLAP = 'PT24H';

  /**
   * Hosts, IP addresses or CIDR ranges an endpoint URL may resolve to although they are loopback, private or
   * link-local (SSRF guard), comma-separated. Empty in production; tests and the demo set 127.0.0.1.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.:/\-[\],]*$/, {
    message: 'WEBHOOK_URL_ALLOWLIST must be hosts, IPs or CIDRs separated by commas',
  })
  WEBHOOK_URL_ALLOWLIST = '';

  /** How often the delivery worker looks for due deliveries when nothing woke it. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  WEBHOOK_POLL_MS = 250;

  /** Deliveries in flight at once in this process, and per endpoint (one slow endpoint holds at most its share). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(2_000)
  WEBHOOK_CONCURRENCY = 128;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_ENDPOINT_CONCURRENCY = 4;

  /** Run the delivery worker in this process (a deployment may run it on some replicas only). */
  @Transform(toBool)
  @IsIn([true, false])
  WEBHOOK_WORKER_ENABLED: boolean = true;
}
