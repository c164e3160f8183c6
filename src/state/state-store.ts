// The state store: the small key/value contract everything shared between bot replicas goes through
// (Defender budget apart, which has its own Lua script: ../resilience/shared-budget.ts). Two
// implementations: MemoryStateStore (one process: the default and the demo) and RedisStateStore
// (REDIS_URL: every replica on one Redis). Callers never see which one, nor Redis errors: a Redis
// that fails or is slow makes the store answer from its local fallback (see redis-store.ts).
//
// Rules every implementation keeps:
// - every key lives under the configured prefix (REDIS_KEY_PREFIX, default `mde-chatops:`);
// - every write carries a TTL: nothing is kept forever;
// - setIfAbsent is create-only (Redis `SET key value NX PX ttl`): exactly one caller wins, across replicas;
// - deleteIfEquals is an atomic compare-and-delete (a Lua script on Redis): release what you own, never a successor's;
// - take is get-and-delete in one step (GETDEL): two replicas never both take the same value;
// - getMany reads several keys in one step (MGET): a card of ten rows costs one round trip, not ten;
// - a map (setField/getField/fields/deleteField: a Redis hash) keeps a small set of records one call
//   lists, e.g. every response action being followed; it lives at least the TTL of its latest write;
// - getOrClaim / setAndRelease are one step each (Lua on Redis): read-or-claim, write-and-release.
//   On a Redis cluster both keys must hash to one slot: put the same {hash tag} in both names.
// Values are strings; callers JSON-encode their own types and parse them back into typed values.

export interface StateStore {
  /** The value of `key`, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** The values of `keys`, in their order (undefined where absent or expired): one round trip (Redis `MGET`). */
  getMany(keys: readonly string[]): Promise<Array<string | undefined>>;
  /** Writes `value` under `key` for `ttlMs`, replacing any value. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Writes only when `key` is absent: true for the one caller that created it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Returns and removes the value in one step. */
  take(key: string): Promise<string | undefined>;
  /** Removes `key`; true when it existed. */
  delete(key: string): Promise<boolean>;
  /** Removes `key` only while it still holds `expected`; true when it did. */
  deleteIfEquals(key: string, expected: string): Promise<boolean>;
  /** Writes `field` of the map at `key` (HSET); the map then lives at least `ttlMs` from now. */
  setField(key: string, field: string, value: string, ttlMs: number): Promise<void>;
  /** One field of the map at `key`, or undefined. */
  getField(key: string, field: string): Promise<string | undefined>;
  /** Every field of the map at `key` (empty when absent). */
  fields(key: string): Promise<Map<string, string>>;
  /** Removes `field` from the map at `key`; true when it was there. */
  deleteField(key: string, field: string): Promise<boolean>;
  /**
   * One step: the value of `key` if present; else a create-only claim of `claimKey` (as setIfAbsent):
   * `claimed` true for the one caller that now holds it, false while someone else does.
   */
  getOrClaim(key: string, claimKey: string, claimValue: string, claimTtlMs: number): Promise<{ value: string } | { claimed: boolean }>;
  /** One step: writes `value` under `key` (as set) and gives up `claimKey` while it still holds `claimValue`. */
  setAndRelease(key: string, value: string, ttlMs: number, claimKey: string, claimValue: string): Promise<void>;
  /** 'local' = one process (no REDIS_URL); 'shared' = on Redis now; 'degraded' = REDIS_URL set but Redis failing, answering locally. */
  mode(): StoreMode;
  close(): Promise<void>;
}

export type StoreMode = 'local' | 'shared' | 'degraded';

export function checkTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1) throw new RangeError(`state store: ttlMs must be a positive whole number, got ${ttlMs}`);
}
