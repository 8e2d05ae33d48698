import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@settle/platform';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const BASE_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;
const baseUrl = (variable: string) => ({ message: `${variable} must be an http(s):// base URL` });

/**
 * The console's environment: the platform's (Postgres, logs, port; no Kafka: the console has no events), where the
 * four services are, its own public origin (CSRF), and its session and sign-in limits.
 */
export class ConsoleConfig extends ServiceConfig {
  @Matches(BASE_URL, baseUrl('LISTING_AUDIT_URL'))
  LISTING_AUDIT_URL = 'http://127.0.0.1:3001';

  @Matches(BASE_URL, baseUrl('DISPUTE_INTAKE_URL'))
  DISPUTE_INTAKE_URL = 'http://127.0.0.1:3002';

  @Matches(BASE_URL, baseUrl('NEGOTIATION_URL'))
  NEGOTIATION_URL = 'http://127.0.0.1:3003';

  @Matches(BASE_URL, baseUrl('ESCALATION_TIMER_URL'))
  ESCALATION_TIMER_URL = 'http://127.0.0.1:3004';

  /**
   * The console's own origin(s), comma-separated: a state-changing call must carry one of them as `Origin`. Default
   * `http://127.0.0.1:<PORT>` and `http://localhost:<PORT>`.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/,]+(\s*,\s*https?:\/\/[^\s/,]+)*$/, {
    message: 'CONSOLE_PUBLIC_ORIGIN must be scheme://host[:port][,scheme://host[:port]...] with no path',
  })
  CONSOLE_PUBLIC_ORIGIN?: string;

  /**
   * Express's `trust proxy`: `false` (default: the socket's own address and protocol), `true`, a number of hops, or
   * the proxies' addresses/CIDRs (`loopback`, `10.0.0.0/8`, ...). When trusted, `X-Forwarded-Proto: https` makes the
   * session cookie `Secure` and `X-Forwarded-For` names the client for the sign-in limit.
   */
  @Matches(/^(true|false|\d{1,2}|[A-Za-z0-9.:/_\s,-]+)$/, {
    message: 'CONSOLE_TRUST_PROXY must be true, false, a hop count, or addresses/CIDRs',
  })
  CONSOLE_TRUST_PROXY = 'false';

  /** The built web app (vite's output); a placeholder page is served while it is missing. */
  @Matches(/\S/, { message: 'CONSOLE_WEB_DIR must be a directory path' })
  CONSOLE_WEB_DIR = 'dist/console-web';

  /** A session unused this long is over (12 h). */
  @Transform(toInt)
  @IsInt()
  @Min(60_000)
  CONSOLE_SESSION_IDLE_MS = 12 * 3_600_000;

  /** Failed sign-ins allowed per client address within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  CONSOLE_SIGNIN_MAX_FAILURES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  CONSOLE_SIGNIN_WINDOW_MS = 15 * 60_000;

  /** How long a service may stay silent (no response headers, no bytes) before the gateway answers 504. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  CONSOLE_GATEWAY_TIMEOUT_MS = 30_000;
}

// The console has no Kafka client: KAFKA_BROKERS is not required (and is ignored when set).
IsOptional()(ConsoleConfig.prototype, 'KAFKA_BROKERS');

/** The origins a state-changing call may come from. */
export function consoleOrigins(config: ConsoleConfig, port: number): string[] {
  if (config.CONSOLE_PUBLIC_ORIGIN) {
    return config.CONSOLE_PUBLIC_ORIGIN.split(',').map((origin) => origin.trim().replace(/\/$/, ''));
  }
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Express's `trust proxy` value for CONSOLE_TRUST_PROXY. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
