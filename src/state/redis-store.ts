// The state store on Redis (REDIS_URL), shared by every replica. Each call is one Redis round trip (a
// command, or one Lua script by EVALSHA; the prefix is added by the connection's keyPrefix), bounded by
// the connection's command timeout.
// When Redis fails or is slow the call is answered by a local MemoryStateStore instead and the
// replica reports 'degraded' (redis-health.ts) until Redis answers again: dedup and cache then work
// per replica, which is the most that can be promised without Redis, and nothing fails.
import type { Redis } from 'ioredis';
import { LuaScript } from './lua-script';
import { MemoryStateStore } from './memory-store';
import type { RedisHealth } from './redis-health';
import { checkTtl, type StateStore, type StoreMode } from './state-store';

/** Deletes KEYS[1] only while it holds ARGV[1]: the release of something we own, never of a successor's. */
const DELETE_IF_EQUALS = new LuaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`);

/** The value of KEYS[1]; else claims KEYS[2] (SET NX PX): {1, value} | {2} claimed | {0} held by another. */
const GET_OR_CLAIM = new LuaScript(`
local v = redis.call('GET', KEYS[1])
if v then return {1, v} end
if redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2], 'NX') then return {2} end
return {0}
`);

/** SET KEYS[1] ARGV[1] PX ARGV[2], and DEL KEYS[2] while it holds ARGV[3]. */
const SET_AND_RELEASE = new LuaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1
`);

/** HSET, then lengthen (never shorten) the map's TTL: it outlives its longest-lived record. */
const SET_FIELD = new LuaScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
`);

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
    const r = await this.health.attempt(() => DELETE_IF_EQUALS.run(this.client, [key], [expected]));
    if (!r.ok) return this.#local.deleteIfEquals(key, expected);
    return r.value === 1;
  }

  async setField(key: string, field: string, value: string, ttlMs: number): Promise<void> {
    checkTtl(ttlMs);
    const r = await this.health.attempt(() => SET_FIELD.run(this.client, [key], [field, value, ttlMs]));
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

  async getOrClaim(
    key: string,
    claimKey: string,
    claimValue: string,
    claimTtlMs: number,
  ): Promise<{ value: string } | { claimed: boolean }> {
    checkTtl(claimTtlMs);
    const r = await this.health.attempt(() => GET_OR_CLAIM.run(this.client, [key, claimKey], [claimValue, claimTtlMs]));
    if (!r.ok) return this.#local.getOrClaim(key, claimKey, claimValue, claimTtlMs);
    const reply = Array.isArray(r.value) ? r.value : [];
    if (reply[0] === 1 && typeof reply[1] === 'string') return { value: reply[1] };
    return { claimed: reply[0] === 2 };
  }

  async setAndRelease(key: string, value: string, ttlMs: number, claimKey: string, claimValue: string): Promise<void> {
    checkTtl(ttlMs);
    const r = await this.health.attempt(() => SET_AND_RELEASE.run(this.client, [key, claimKey], [value, ttlMs, claimValue]));
    if (!r.ok) await this.#local.setAndRelease(key, value, ttlMs, claimKey, claimValue);
  }

  mode(): StoreMode {
    return this.health.degraded ? 'degraded' : 'shared';
  }

  async close(): Promise<void> {
    await this.#local.close();
  }
}
