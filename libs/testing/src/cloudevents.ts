import { CloudEvent, Kafka, type KafkaMessage } from 'cloudevents';
import type { RecordedMessage } from './kafka-client';

/**
 * (Imported as `@settle/testing/cloudevents`: the SDK is a devDependency, for tests only.)
 * Reads a Kafka message with the `cloudevents` SDK's Kafka binding and validates it in strict mode (attribute
 * names, types, the 1.0 schema): throws when the message is not a CloudEvent the SDK accepts, e.g. plain JSON
 * without the binding's headers, or a camelCase extension attribute.
 */
export function strictCloudEvent(message: Pick<RecordedMessage, 'key' | 'value' | 'headers'>): CloudEvent<unknown> {
  const kafkaMessage: KafkaMessage<string> = {
    key: message.key ?? '',
    value: message.value,
    body: message.value,
    headers: message.headers,
  };
  const read = Kafka.toEvent(kafkaMessage) as CloudEvent<unknown> | CloudEvent<unknown>[];
  if (Array.isArray(read)) throw new Error('a batch of CloudEvents where one event was expected');
  return read.cloneWith({}, true);
}
