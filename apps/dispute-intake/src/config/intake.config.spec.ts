import { ConfigError, loadConfig } from '@settle/platform';
import { DEV_INBOUND_WEBHOOK_SECRET, IntakeConfig } from './intake.config';

const base = { DATABASE_URL: 'postgres://x@h/db_test', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('IntakeConfig', () => {
  it('uses the documented development secret outside production', () => {
    expect(loadConfig(IntakeConfig, base).inboundWebhookSecret()).toBe(DEV_INBOUND_WEBHOOK_SECRET);
  });

  it('requires INBOUND_WEBHOOK_SECRET in production, and refuses a malformed one', () => {
    expect(() => loadConfig(IntakeConfig, { ...base, NODE_ENV: 'production' })).toThrow(/INBOUND_WEBHOOK_SECRET/);
    expect(() => loadConfig(IntakeConfig, { ...base, INBOUND_WEBHOOK_SECRET: 'plain' })).toThrow(ConfigError);
    const secret = `whsec_${Buffer.from('a production secret of some length').toString('base64')}`;
    const config = loadConfig(IntakeConfig, { ...base, NODE_ENV: 'production', INBOUND_WEBHOOK_SECRET: secret });
    expect(config.inboundWebhookSecret()).toBe(secret);
  });
});
