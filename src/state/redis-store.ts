// The state store on Redis (REDIS_URL), shared by every replica. Each call is one Redis command
// (the prefix is added by the connection's keyPrefix), bounded by the connection's command timeout.
// When Redis fails or is slow the call is answered by a local MemoryStateStore instead and the
// replica reports 'degraded' (redis-health.ts) until Redis answers again: dedup and cache then work
// per replica, which is the most that can be promised without Redis, and nothing fails.
import type { Redis } from 'ioredis';
import { MemoryStateStore } from './memory-store';
import type { RedisHealth } from './redis-health';
import { checkTtl, type StateStore, type StoreMode } from './state-store';

/** Deletes KEYS[1] only while it holds ARGV[1]: the release of something we own, never of a successor's. */
const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** HSET, then lengthen (never shorten) the map's TTL: it outlives its longest-lived record. */
const SET_FIELD = `redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1`;

export class RedisStateStore implements StateStore {
  readonly #local = new MemoryStateStore();

  constructor(
    private readonly client: Redis,
    private readonly health: RedisHealth,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const r = await this.health.attempt(() => this.client.get(key));
    if (!r.ok) return this.#local.get(key);
    return r.value ?? undefined;
  }

  async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    const r = await this.health.attempt(() => this.client.mget(...keys));
    if (!r.ok) return this.#local.getMany(keys);
    return keys.map((_, i) => r.value[i] ?? undefined);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    checkTtl(ttlMs);
    const r = await this.health.attempt(() => this.client.set(key, value, 'PX', ttlMs));
    if (!r.ok) await this.#local.set(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    const r = await this.health.attempt(() => this.client.set(key, value, 'PX', ttlMs, 'NX'));
    if (!r.ok) return this.#local.setIfAbsent(key, value, ttlMs);
    return r.value === 'OK';
  }

  async take(key: string): Promise<string | undefined> {
    const r = await this.health.attempt(() => this.client.getdel(key));
    // What was written locally while Redis was away is still found.
    if (!r.ok || r.value === null) return this.#local.take(key);
    return r.value;
  }

  async delete(key: string): Promise<boolean> {
    const local = await this.#local.delete(key);
    const r = await this.health.attempt(() => this.client.del(key));
    return (r.ok && r.value > 0) || local;
  }

  async deleteIfEquals(key: string, expected: string): Promise<boolean> {
    const r = await this.health.attempt(() => this.client.eval(DELETE_IF_EQUALS, 1, key, expected));
    if (!r.ok) return this.#local.deleteIfEquals(key, expected);
    return r.value === 1;
  }

  async setField(key: string, field: string, value: string, ttlMs: number): Promise<void> {
    checkTtl(ttlMs);
    const r = await this.health.attempt(() => this.client.eval(SET_FIELD, 1, key, field, value, String(ttlMs)));
    if (!r.ok) await this.#local.setField(key, field, value, ttlMs);
  }

  async getField(key: string, field: string): Promise<string | undefined> {
    const r = await this.health.attempt(() => this.client.hget(key, field));
    if (!r.ok || r.value === null) return this.#local.getField(key, field);
    return r.value;
  }

  async fields(key: string): Promise<Map<string, string>> {
    // What was written locally while Redis was away is listed too (Redis wins where both have a field).
    const local = await this.#local.fields(key);
    const r = await this.health.attempt(() => this.client.hgetall(key));
    if (!r.ok) return local;
    return new Map([...local, ...Object.entries(r.value)]);
  }

  async deleteField(key: string, field: string): Promise<boolean> {
    const local = await this.#local.deleteField(key, field);
    const r = await this.health.attempt(() => this.client.hdel(key, field));
    return (r.ok && r.value > 0) || local;
  }

  mode(): StoreMode {
    return this.health.degraded ? 'degraded' : 'shared';
  }

  async close(): Promise<void> {
    await this.#local.close();
  }
}
