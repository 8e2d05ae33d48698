import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value) : value;

/**
 * Environment every service reads (docs/CONTRACT.md, "Operating it"), validated at start: a bad or missing
 * value stops the service with a message naming the variable. Services extend it with their own.
 */
export class ServiceConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS!: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  /** The service's own Postgres schema; tests give every test file its own. */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,40}$/, { message: 'DB_SCHEMA must be a lower-case SQL identifier' })
  DB_SCHEMA?: string;

  /** The shared schema of hashed API keys (docs/ARCHITECTURE.md rule 5). */
  @Matches(/^[a-z_][a-z0-9_]{0,40}$/, { message: 'AUTH_SCHEMA must be a lower-case SQL identifier' })
  AUTH_SCHEMA = 'auth';

  @IsOptional()
  @IsString()
  @MinLength(1)
  SETTLE_POLICY_FILE?: string;

  /** Run pending migrations at start, under an advisory lock (safe with several replicas). */
  @Transform(toBool)
  MIGRATIONS_RUN: boolean = true;

  /** Relay fallback poll; NOTIFY wakes it sooner. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 1_000;

  /**
   * How long the broker waits for a silent consumer before handing its partitions to the others (a crashed
   * replica's partitions wait this long, and so does a restarted replica's join). The broker accepts 6,000 to
   * 300,000 by default. 10 s: heartbeats every 3 s, so three may be missed before a busy replica loses its partitions.
   */
  @Transform(toInt)
  @IsInt()
  @Min(6_000)
  @Max(300_000)
  KAFKA_SESSION_TIMEOUT_MS = 10_000;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `invalid configuration:\n${problems.map((problem) => `  ${problem.variable}: ${problem.message}`).join('\n')}`,
    );
  }
}

/** Reads and validates the environment into `configClass`; throws ConfigError naming each bad variable. */
export function loadConfig<T extends ServiceConfig>(
  configClass: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(configClass, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((error) => ({
        variable: error.property,
        message: Object.values(error.constraints ?? { invalid: 'is invalid' }).join('; '),
      })),
    );
  }
  return config;
}
