// Opens the state for this process from config: in memory without REDIS_URL, else on Redis with a
// local fallback. One per process (start-bot.ts); everything shared takes its `store`, the budget
// its `redis` and `health`.
import type { SharedStateConfig } from '../config/redis-config';
import type { Logger } from '../logging/logger';
import { MemoryStateStore } from './memory-store';
import type { RedisConnection } from './redis-connection';
import { RedisHealth } from './redis-health';
import { RedisStateStore } from './redis-store';
import type { StateStore } from './state-store';

export interface SharedState {
  store: StateStore;
  /** Present with REDIS_URL. */
  redis?: { connection: RedisConnection; health: RedisHealth; keyPrefix: string };
  expectedReplicas: number;
  /** For /readyz: 'local', 'shared', or 'degraded: <why>'. */
  describe(): { mode: 'local' | 'shared' | 'degraded'; detail: string };
  close(): Promise<void>;
}

export async function openSharedState(config: SharedStateConfig, logger: Logger): Promise<SharedState> {
  if (config.redis === undefined) {
    const store = new MemoryStateStore();
    return {
      store,
      expectedReplicas: 1,
      describe: () => ({ mode: 'local', detail: 'in-process state (one instance; set REDIS_URL to run several)' }),
      close: () => store.close(),
    };
  }
  // Loaded only with REDIS_URL: one instance and the demo never load ioredis.
  const { connectRedis } = await import('./redis-connection.js');
  const connection = await connectRedis(config.redis);
  const health = new RedisHealth(connection.client, logger);
  if (connection.client.status !== 'ready') health.fail(new Error(`not connected at start (${connection.client.status})`));
  const store = new RedisStateStore(connection.client, health);
  return {
    store,
    redis: { connection, health, keyPrefix: config.redis.keyPrefix },
    expectedReplicas: config.expectedReplicas,
    describe: () =>
      health.degraded
        ? { mode: 'degraded', detail: `degraded: ${health.reason}; Defender budget ÷ ${config.expectedReplicas} replicas` }
        : { mode: 'shared', detail: 'shared state on Redis' },
    close: async () => {
      health.close();
      await store.close();
      await connection.close();
    },
  };
}
