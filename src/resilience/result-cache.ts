// Recent Defender answers, per person: a short TTL, a bounded LRU, and coalescing of identical
// requests in flight. The key always starts with the asker's userKey — an answer reflects what THAT
// person's Defender role and device groups allow, so two people never share one.
//
// Errors are not cached: a failure (503, timeout, throttled, even 404) is answered afresh next time,
// so a transient fault never outlives its cause, and a typo'd id is not worth remembering. Callers
// that coalesced onto a call that failed do share that one failure — they asked at the same moment.
//
// With several replicas (REDIS_URL) a second level on the state store: another replica's answer for
// the same person and request is served from Redis, kept no longer than ttlMs, under a hash of the
// key (no names or ids in Redis key names). Identical calls in flight are merged per replica.
import { createHash } from 'node:crypto';
import { BoundedMap } from '../shared/bounded-map';
import type { StateStore } from '../state/state-store';
import { systemClock, type Clock } from './clock';

export interface ResultCacheOptions {
  /** How long an answer is served from memory (default 60 s). 0 = no caching, coalescing only. */
  ttlMs?: number;
  /** Answers kept at most, over all people; the least recently used goes first (default 1000). */
  maxEntries?: number;
  clock?: Clock;
  /** Shared between replicas (Redis): answers are also written there, and read there on a local miss. */
  shared?: StateStore;
}

export const RESULT_CACHE_DEFAULTS = { ttlMs: 60_000, maxEntries: 1_000 } as const;

/** Where an answer came from: Defender just now, this cache, or another identical call in flight. */
export type ResultSource = 'defender' | 'cache' | 'coalesced';

export interface Fetched<T> {
  value: T;
  /** Clock time at which Defender's answer arrived. */
  fetchedAt: number;
  source: ResultSource;
}

interface Entry {
  value: unknown;
  fetchedAt: number;
  /** Read from the shared store (another replica fetched it). */
  shared?: boolean;
}

/** A value that can be part of a cache key. */
export type KeyPart = string | number | boolean | null;

/** The cache key of one client call: who, which method, which arguments. Unambiguous (JSON). */
export function resultKey(userKey: string, method: string, args: readonly KeyPart[]): string {
  if (userKey === '') throw new TypeError('resultKey: userKey must not be empty; answers are cached per person');
  return JSON.stringify([userKey, method, ...args]);
}

export class ResultCache {
  readonly ttlMs: number;
  readonly maxEntries: number;
  private readonly clock: Clock;
  private readonly entries: BoundedMap<string, Entry>;
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private readonly shared: StateStore | undefined;

  constructor(options: ResultCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? RESULT_CACHE_DEFAULTS.ttlMs;
    this.maxEntries = options.maxEntries ?? RESULT_CACHE_DEFAULTS.maxEntries;
    if (!(this.ttlMs >= 0) || !Number.isFinite(this.ttlMs)) throw new RangeError('ResultCache: ttlMs must be 0 or more');
    if (!Number.isSafeInteger(this.maxEntries) || this.maxEntries < 1)
      throw new RangeError('ResultCache: maxEntries must be a positive integer');
    this.clock = options.clock ?? systemClock;
    this.entries = new BoundedMap({ max: this.maxEntries, ttlMs: this.ttlMs, now: () => this.clock.now() });
    this.shared = this.ttlMs > 0 ? options.shared : undefined;
  }

  /**
   * The cached answer for `key` if still fresh; else joins an identical call in flight; else runs
   * `load`. The value is the one stored: callers that hand it out must not let it be mutated.
   * `fresh` (a Refresh click): skip the stored answer; the new one replaces it.
   */
  async getOrLoad<T>(key: string, load: () => Promise<T>, options: { fresh?: boolean } = {}): Promise<Fetched<T>> {
    const hit = options.fresh === true ? undefined : this.entries.get(key);
    // The key names the method, and each method returns one type: the cast only restores it.
    if (hit !== undefined) return { value: hit.value as T, fetchedAt: hit.fetchedAt, source: 'cache' };
    const pending = this.inFlight.get(key);
    if (pending !== undefined) {
      const shared = await pending;
      return { value: shared.value as T, fetchedAt: shared.fetchedAt, source: 'coalesced' };
    }
    const started = (async (): Promise<Entry> => {
      try {
        const remote = await this.readShared(key);
        if (remote !== undefined) return remote;
        const value = await load();
        const entry: Entry = { value, fetchedAt: this.clock.now() };
        // ttlMs 0: coalescing only, nothing kept.
        if (this.ttlMs > 0) this.entries.set(key, entry);
        if (this.shared !== undefined) await this.shared.set(sharedKey(key), JSON.stringify(entry), this.ttlMs);
        return entry;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, started);
    const own = await started;
    return { value: own.value as T, fetchedAt: own.fetchedAt, source: own.shared === true ? 'cache' : 'defender' };
  }

  /**
   * The fresh answers already held for `keys`, in their order (undefined where none): memory first,
   * then one read of the shared store for the rest. Read-only: never loads, never waits for or joins
   * a call in flight, never stores what it found, and leaves the order of use alone. For what a card
   * can say "for free" (a count on a button), never for what a command asked.
   */
  async peekMany<T>(keys: readonly string[]): Promise<Array<Omit<Fetched<T>, 'source'> | undefined>> {
    if (this.ttlMs === 0) return keys.map(() => undefined);
    const found: Array<Omit<Fetched<T>, 'source'> | undefined> = keys.map((key) => {
      const hit = this.entries.peek(key);
      // The key names the method, and each method returns one type: the cast only restores it.
      return hit === undefined ? undefined : { value: hit.value as T, fetchedAt: hit.fetchedAt };
    });
    const missing = found.flatMap((hit, i) => (hit === undefined ? [i] : []));
    if (this.shared === undefined || missing.length === 0) return found;
    const raws = await this.shared.getMany(missing.map((i) => sharedKey(keys[i] ?? '')));
    missing.forEach((index, j) => {
      const entry = this.parseShared(raws[j]);
      if (entry !== undefined) found[index] = { value: entry.value as T, fetchedAt: entry.fetchedAt };
    });
    return found;
  }

  /** Another replica's fresh answer, if the shared store has one; never older than ttlMs. */
  private async readShared(key: string): Promise<Entry | undefined> {
    if (this.shared === undefined) return undefined;
    return this.parseShared(await this.shared.get(sharedKey(key)));
  }

  /** A shared-store value back into an entry, when it parses and is still fresh. */
  private parseShared(raw: string | undefined): Entry | undefined {
    if (raw === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) return undefined;
      const fetchedAt: unknown = Reflect.get(parsed, 'fetchedAt');
      if (typeof fetchedAt !== 'number' || this.clock.now() - fetchedAt >= this.ttlMs || !('value' in parsed)) return undefined;
      // Written by this cache from a DefenderClient method's answer for the same key, hence the same type.
      return { value: Reflect.get(parsed, 'value'), fetchedAt, shared: true };
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets every answer (calls in flight still complete and are stored). */
  clear(): void {
    this.entries.clear();
  }
}

/** The shared store's key: a hash of the cache key, which holds the person's id and what they asked for. */
function sharedKey(key: string): string {
  return `answer:${createHash('sha256').update(key).digest('base64url')}`;
}
