import { ServiceConfig } from '@settle/platform';
import { IsDefined, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';

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

  inboundWebhookSecret(): string {
    return this.INBOUND_WEBHOOK_SECRET ?? DEV_INBOUND_WEBHOOK_SECRET;
  }
}
