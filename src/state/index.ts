// State shared between bot replicas (REDIS_URL) or kept in this process: see ./README.md.
export type { StateStore, StoreMode } from './state-store';
export { MemoryStateStore } from './memory-store';
export { RedisStateStore } from './redis-store';
export { RedisHealth } from './redis-health';
export type { RedisConnection } from './redis-connection';
export { openSharedState, type SharedState } from './shared-state';
