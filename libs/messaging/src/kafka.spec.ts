import { kafkaLogLevel } from './kafka';

/** kafkajs logs answers it retries itself at error; only what an operator must act on stays there. */
describe('kafkaLogLevel', () => {
  it('writes the routine broker answers of a start or a leader move at debug', () => {
    const answers = [
      'This server is not the leader for that topic-partition',
      "The coordinator is loading and hence can't process requests for this group",
      'This is not the correct coordinator for this group',
      'The group coordinator is not available',
      'There is no leader for this topic-partition as we are in the middle of a leadership election',
      'This server does not host this topic-partition',
      'The group is rebalancing, so a rejoin is needed',
    ];
    for (const error of answers) {
      expect(kafkaLogLevel('error', 'Response ListOffsets(key: 2, version: 4)', { error, correlationId: 7 })).toBe(
        'debug',
      );
    }
    expect(kafkaLogLevel('error', 'The coordinator is not aware of this member, re-joining the group', {})).toBe(
      'debug',
    );
  });

  it('writes trouble kafkajs is still retrying at warn', () => {
    expect(kafkaLogLevel('error', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', {})).toBe('warn');
    expect(kafkaLogLevel('error', 'Failed to connect to broker, reconnecting', { retryCount: 1 })).toBe('warn');
    expect(kafkaLogLevel('error', 'Restarting the consumer in 300ms', { retryCount: 0 })).toBe('warn');
    expect(
      kafkaLogLevel(
        'error',
        'Failed to connect to seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED',
        { retryCount: 2 },
      ),
    ).toBe('warn');
  });

  it('keeps at error what an operator must act on, and leaves other levels alone', () => {
    expect(
      kafkaLogLevel('error', 'Response Produce(key: 0, version: 7)', {
        error: 'Disk error when trying to access log file on the disk',
      }),
    ).toBe('error');
    expect(kafkaLogLevel('error', 'Crash: KafkaJSNonRetriableError: Topic authorization failed', {})).toBe('error');
    expect(kafkaLogLevel('warn', 'KafkaJS v2.0.0 switched default partitioner', {})).toBe('debug');
    expect(kafkaLogLevel('info', 'Consumer has joined the group', {})).toBe('info');
    expect(kafkaLogLevel('warn', 'consumer#run was called, but the consumer is already running', {})).toBe('warn');
  });
});
