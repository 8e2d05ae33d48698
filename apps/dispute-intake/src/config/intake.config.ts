import { ServiceConfig } from '@settle/platform';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const MIB = 1024 * 1024;

/**
 * The secret a development or test deployment verifies inbound webhooks with when INBOUND_WEBHOOK_SECRET is not
 * set. Public by design (it is in the source): a production deployment (NODE_ENV=production) must set its own.
 */
export const DEV_INBOUND_WEBHOOK_SECRET = `whsec_${Buffer.from('settle-dev-inbound-secret-not-for-production').toString('base64')}`;

/** dispute-intake's environment: the platform's, plus the secret the marketplace signs inbound webhooks with. */
export class IntakeConfig extends ServiceConfig {
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /**
   * Standard Webhooks secret (`whsec_<base64>`) of `POST /v1/inbound/marketplace`. Required when
   * NODE_ENV=production; elsewhere it defaults to DEV_INBOUND_WEBHOOK_SECRET.
   */
  @ValidateIf((config: IntakeConfig) => config.NODE_ENV === 'production' || config.INBOUND_WEBHOOK_SECRET !== undefined)
  @IsDefined({ message: 'INBOUND_WEBHOOK_SECRET is required when NODE_ENV=production' })
  @Matches(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, { message: 'INBOUND_WEBHOOK_SECRET must be whsec_<base64>' })
  INBOUND_WEBHOOK_SECRET?: string;

  /**
   * The evidence object store (any S3-compatible service; docs/ARCHITECTURE.md, "Object store"). Its endpoint, e.g.
   * `http://127.0.0.1:9000`; left out, the AWS SDK's own endpoint for the region. Without a bucket, outside
   * production, the evidence endpoints answer 503 EVIDENCE_STORE_NOT_CONFIGURED; production requires one.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/.*)?$/, { message: 'EVIDENCE_S3_ENDPOINT must be an http(s) URL' })
  EVIDENCE_S3_ENDPOINT?: string;

  @ValidateIf((config: IntakeConfig) => config.NODE_ENV === 'production' || config.EVIDENCE_S3_BUCKET !== undefined)
  @IsDefined({ message: 'EVIDENCE_S3_BUCKET is required when NODE_ENV=production' })
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'EVIDENCE_S3_BUCKET must be an S3 bucket name' })
  EVIDENCE_S3_BUCKET?: string;

  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'EVIDENCE_S3_REGION must be a region name such as us-east-1' })
  EVIDENCE_S3_REGION = 'us-east-1';

  /** With EVIDENCE_S3_SECRET_ACCESS_KEY; both left out, the AWS SDK's default credential chain (roles, profiles). */
  @ValidateIf((config: IntakeConfig) => config.EVIDENCE_S3_SECRET_ACCESS_KEY !== undefined)
  @IsDefined({ message: 'EVIDENCE_S3_ACCESS_KEY_ID is required with EVIDENCE_S3_SECRET_ACCESS_KEY' })
  @IsString()
  EVIDENCE_S3_ACCESS_KEY_ID?: string;

  @ValidateIf((config: IntakeConfig) => config.EVIDENCE_S3_ACCESS_KEY_ID !== undefined)
  @IsDefined({ message: 'EVIDENCE_S3_SECRET_ACCESS_KEY is required with EVIDENCE_S3_ACCESS_KEY_ID' })
  @IsString()
  EVIDENCE_S3_SECRET_ACCESS_KEY?: string;

  /** Path-style addressing (`endpoint/bucket/key`), which S3Proxy, MinIO and most S3-compatible services need. */
  @IsIn(['true', 'false'], { message: 'EVIDENCE_S3_FORCE_PATH_STYLE must be true or false' })
  EVIDENCE_S3_FORCE_PATH_STYLE = 'true';

  /** A prefix of every object key (tests give each file its own); empty by default. */
  @IsOptional()
  @Matches(/^([A-Za-z0-9._-]+\/)*$/, { message: 'EVIDENCE_S3_PREFIX must be path segments each ending in "/"' })
  EVIDENCE_S3_PREFIX = '';

  /** The largest photo or document (images, PDF): 10 MiB. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  EVIDENCE_MAX_FILE_BYTES = 10 * MIB;

  /** The largest video (MP4): 50 MiB. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  EVIDENCE_MAX_VIDEO_BYTES = 50 * MIB;

  /** All of one dispute's stored evidence together: 200 MiB. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  EVIDENCE_MAX_DISPUTE_BYTES = 200 * MIB;

  /** The most files one dispute may hold. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  EVIDENCE_MAX_FILES_PER_DISPUTE = 30;

  /** How old an object without its row must be before the sweeper deletes it (a crash between the two writes). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  EVIDENCE_ORPHAN_GRACE_MS = 60 * 60 * 1000;

  /** How often the sweeper looks for such objects; 0 turns it off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  EVIDENCE_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

  /**
   * Fetch and keep the evidence a dispute names by URL (EvidencePreserver). Off by default: fetching URLs third
   * parties chose is outbound traffic an operator turns on knowingly (with the allowlist below empty in production).
   */
  @IsIn(['true', 'false'], { message: 'EVIDENCE_PRESERVE_URLS must be true or false' })
  EVIDENCE_PRESERVE_URLS = 'false';

  /**
   * Hosts, IP addresses or CIDR ranges an evidence URL may be fetched from although they are loopback, private or
   * link-local (the outbound guard), comma-separated. Empty in production; tests set 127.0.0.1.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.:/\-[\],]*$/, {
    message: 'EVIDENCE_URL_ALLOWLIST must be hosts, IPs or CIDRs separated by commas',
  })
  EVIDENCE_URL_ALLOWLIST = '';

  /** The whole fetch of an evidence URL (redirects and body), after which it is kept unpreserved. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  EVIDENCE_URL_TIMEOUT_MS = 15_000;

  inboundWebhookSecret(): string {
    return this.INBOUND_WEBHOOK_SECRET ?? DEV_INBOUND_WEBHOOK_SECRET;
  }
}
