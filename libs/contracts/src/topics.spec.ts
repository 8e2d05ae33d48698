import { ALL_TOPICS, TOPIC_KEY, Topics, dlqTopic, isTopicBase, topicName } from './topics';

describe('topics', () => {
  it('names the six versioned topics of the contract', () => {
    expect([...ALL_TOPICS].sort()).toEqual([
      'settle.deadlines.events.v1',
      'settle.disputes.commands.v1',
      'settle.disputes.events.v1',
      'settle.listings.events.v1',
      'settle.messages.events.v1',
      'settle.orders.events.v1',
    ]);
    expect(Topics.DISPUTE_COMMANDS).toBe('settle.disputes.commands.v1');
  });

  it('keys each topic by its aggregate', () => {
    expect(TOPIC_KEY[Topics.DISPUTE_EVENTS]).toBe('disputeId');
    expect(TOPIC_KEY[Topics.LISTING_EVENTS]).toBe('listingId');
    expect(TOPIC_KEY[Topics.ORDER_EVENTS]).toBe('orderId');
    expect(Object.keys(TOPIC_KEY).sort()).toEqual([...ALL_TOPICS].sort());
  });

  it('applies an explicit prefix', () => {
    expect(topicName(Topics.ORDER_EVENTS, 'run42.')).toBe('run42.settle.orders.events.v1');
    expect(topicName(Topics.ORDER_EVENTS, '')).toBe('settle.orders.events.v1');
  });

  describe('with KAFKA_TOPIC_PREFIX', () => {
    const saved = process.env.KAFKA_TOPIC_PREFIX;
    afterEach(() => {
      if (saved === undefined) delete process.env.KAFKA_TOPIC_PREFIX;
      else process.env.KAFKA_TOPIC_PREFIX = saved;
    });

    it('defaults to the environment prefix, read at call time', () => {
      process.env.KAFKA_TOPIC_PREFIX = 'test-a1.';
      expect(topicName(Topics.DISPUTE_EVENTS)).toBe('test-a1.settle.disputes.events.v1');
      delete process.env.KAFKA_TOPIC_PREFIX;
      expect(topicName(Topics.DISPUTE_EVENTS)).toBe('settle.disputes.events.v1');
    });
  });

  it('names the dead-letter twin of a topic', () => {
    expect(dlqTopic('settle.orders.events.v1')).toBe('settle.orders.events.v1.dlq');
    expect(dlqTopic(topicName(Topics.ORDER_EVENTS, 'p.'))).toBe('p.settle.orders.events.v1.dlq');
  });

  it('tells base names from others', () => {
    expect(isTopicBase('settle.listings.events.v1')).toBe(true);
    expect(isTopicBase('settle.listings.events.v1.dlq')).toBe(false);
  });
});
