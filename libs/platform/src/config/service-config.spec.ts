import { ConfigError, loadConfig, ServiceConfig } from './service-config';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/settle', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('loadConfig', () => {
  it('reads a valid environment with defaults', () => {
    const config = loadConfig(ServiceConfig, { ...valid, PORT: '3002' });
    expect(config).toMatchObject({
      PORT: 3002,
      LOG_LEVEL: 'info',
      KAFKA_TOPIC_PREFIX: '',
      AUTH_SCHEMA: 'auth',
      MIGRATIONS_RUN: true,
    });
  });

  it.each([
    [{ KAFKA_BROKERS: '127.0.0.1:9092' }, 'DATABASE_URL'],
    [{ ...valid, KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS'],
    [{ ...valid, PORT: 'eighty' }, 'PORT'],
    [{ ...valid, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ...valid, DB_SCHEMA: 'Robert"; DROP' }, 'DB_SCHEMA'],
    [{ ...valid, KAFKA_TOPIC_PREFIX: 'a b' }, 'KAFKA_TOPIC_PREFIX'],
  ])('stops with a message naming the bad variable (%j)', (env, variable) => {
    expect(() => loadConfig(ServiceConfig, env)).toThrow(ConfigError);
    expect(() => loadConfig(ServiceConfig, env)).toThrow(new RegExp(`^invalid configuration:\\n  ${variable}: `));
  });
});
