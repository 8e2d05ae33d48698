import { ServiceConfig } from '@settle/platform';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value) : value;

/** listing-audit's environment, validated at start (a bad value stops the service and names the variable). */
export class ListingAuditConfig extends ServiceConfig {
  /** `on`: read the main image's real dimensions over HTTP; `off`: text rules only (and no network calls). */
  @IsIn(['on', 'off'])
  AUDIT_IMAGES: 'on' | 'off' = 'on';

  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60_000)
  IMAGE_PROBE_CONNECT_TIMEOUT_MS = 2_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  IMAGE_PROBE_TIMEOUT_MS = 5_000;

  @Transform(toInt)
  @IsInt()
  @Min(1_024)
  @Max(16 * 1024 * 1024)
  IMAGE_PROBE_MAX_BYTES = 256 * 1024;

  /** Image URLs come from sellers: private and loopback addresses are refused unless this is set (tests, demos). */
  @Transform(toBool)
  IMAGE_PROBE_ALLOW_PRIVATE: boolean = false;

  /** Hosts, IP addresses or CIDR ranges image URLs may reach although not public (comma-separated). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.:/\-[\],]*$/, {
    message: 'IMAGE_URL_ALLOWLIST must be hosts, IPs or CIDRs separated by commas',
  })
  IMAGE_URL_ALLOWLIST = '';

  /** A JSON file of the audit configuration (per-category rules, brands, thresholds), merged over the defaults. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUDIT_RULES_FILE?: string;

  /** NOT_AS_DESCRIBED disputes on one listing that flag it and trigger a re-audit (overrides the rules file). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000)
  AUDIT_FEEDBACK_THRESHOLD?: number;
}
