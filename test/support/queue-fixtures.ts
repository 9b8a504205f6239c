import { Queue } from 'bullmq';
import { closeQueueConnection, ORDER_COMMANDS_QUEUE, queueConnectionOptions } from '@app/queues';
import { queuePrefix, redisUrl } from './store-fixtures';

/** A producer on one of the gateway's queues, as another service would open it (right prefix, on one Redis or a Cluster). */
export interface TestQueue {
  queue: Queue;
  close(): Promise<void>;
}

export function openQueue(name = ORDER_COMMANDS_QUEUE, url = redisUrl()): TestQueue {
  const connection = queueConnectionOptions(url, 'producer');
  const queue = new Queue(name, { connection, prefix: queuePrefix(url) });
  return {
    queue,
    async close() {
      await queue.close();
      await closeQueueConnection(connection);
    },
  };
}
