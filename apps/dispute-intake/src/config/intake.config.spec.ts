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
    const config = loadConfig(IntakeConfig, {
      ...base,
      NODE_ENV: 'production',
      INBOUND_WEBHOOK_SECRET: secret,
      EVIDENCE_S3_BUCKET: 'settle-evidence',
    });
    expect(config.inboundWebhookSecret()).toBe(secret);
  });

  it('requires the evidence bucket in production, and holds every EVIDENCE_S3_* variable to its form', () => {
    const secret = `whsec_${Buffer.from('a production secret of some length').toString('base64')}`;
    const production = { ...base, NODE_ENV: 'production', INBOUND_WEBHOOK_SECRET: secret };
    expect(() => loadConfig(IntakeConfig, production)).toThrow(/EVIDENCE_S3_BUCKET is required/);
    expect(loadConfig(IntakeConfig, base).EVIDENCE_S3_BUCKET).toBeUndefined();
    const wrong: [Record<string, string>, RegExp][] = [
      [{ EVIDENCE_S3_BUCKET: 'Not A Bucket' }, /EVIDENCE_S3_BUCKET must be an S3 bucket name/],
      [{ EVIDENCE_S3_ENDPOINT: 'ftp://files' }, /EVIDENCE_S3_ENDPOINT must be an http\(s\) URL/],
      [{ EVIDENCE_S3_ACCESS_KEY_ID: 'id-only' }, /EVIDENCE_S3_SECRET_ACCESS_KEY is required/],
      [{ EVIDENCE_S3_PREFIX: 'no-slash' }, /EVIDENCE_S3_PREFIX/],
      [{ EVIDENCE_MAX_VIDEO_BYTES: 'lots' }, /EVIDENCE_MAX_VIDEO_BYTES/],
    ];
    for (const [env, message] of wrong) expect(() => loadConfig(IntakeConfig, { ...base, ...env })).toThrow(message);
    const config = loadConfig(IntakeConfig, {
      ...base,
      EVIDENCE_S3_ENDPOINT: 'http://127.0.0.1:9000',
      EVIDENCE_S3_BUCKET: 'settle-evidence',
      EVIDENCE_S3_ACCESS_KEY_ID: 'id',
      EVIDENCE_S3_SECRET_ACCESS_KEY: 'secret',
      EVIDENCE_MAX_FILE_BYTES: '2048',
    });
    expect(config).toMatchObject({ EVIDENCE_MAX_FILE_BYTES: 2048, EVIDENCE_MAX_VIDEO_BYTES: 50 * 1024 * 1024 });
  });
});
