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
// key (no names or ids in Redis key names). Identical calls in flight are merged across replicas
// too: the replica that finds neither an answer nor a lease takes the lease in the same step
// (getOrClaim: one round trip, as the plain read was) and writes the answer and gives the lease up
// in one step (setAndRelease: one round trip, as the plain write was). A replica that finds the
// lease held polls for the answer (getOrClaim again, 50 ms growing to 250 ms) for at most
// SHARED_WAIT_MS; the lease expires after as long, so a replica that died mid-call holds nobody up
// longer than that, and a waiter that then finds the lease free takes it and makes the call itself.
// A failed call gives its lease up and caches nothing: the waiters then make their own call.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
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

/**
 * How long a replica waits for another replica's identical call before making its own, and how long
 * a lease lives: well under the 15 s in which Teams expects a turn to end, and longer than a normal
 * Defender answer takes.
 */
export const SHARED_WAIT_MS = 5_000;
const POLL_FIRST_MS = 50;
const POLL_MAX_MS = 250;

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
  /** Served from the shared store: another replica's answer ('cache'), or its call we waited for ('coalesced'). */
  source?: ResultSource;
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
        return await this.loadShared(key, load, options.fresh === true);
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, started);
    const own = await started;
    return { value: own.value as T, fetchedAt: own.fetchedAt, source: own.source ?? 'defender' };
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
    const raws = await this.shared.getMany(missing.map((i) => sharedKeys(keys[i] ?? '').answer));
    missing.forEach((index, j) => {
      const raw = raws[j];
      const entry = raw === undefined ? undefined : this.parseShared(raw, 'cache');
      if (entry !== undefined) found[index] = { value: entry.value as T, fetchedAt: entry.fetchedAt };
    });
    return found;
  }

  /** A local miss: another replica's answer or its call in flight, else `load` (see the top of this file). */
  private async loadShared<T>(key: string, load: () => Promise<T>, fresh: boolean): Promise<Entry> {
    const shared = this.shared;
    // A Refresh asks Defender whatever the shared level holds; its answer replaces it there too.
    if (shared === undefined || fresh) return this.store(key, await load());
    const { answer, lease } = sharedKeys(key);
    const owner = randomUUID();
    const deadline = performance.now() + SHARED_WAIT_MS;
    let pause = POLL_FIRST_MS;
    let waited = false;
    for (;;) {
      const found = await shared.getOrClaim(answer, lease, owner, SHARED_WAIT_MS);
      if ('value' in found) {
        const remote = this.parseShared(found.value, waited ? 'coalesced' : 'cache');
        if (remote !== undefined) return remote;
        // Unreadable (another version) or too old for our TTL: ask Defender, without a lease.
        return this.store(key, await load(), answer);
      }
      if (found.claimed) break;
      // Another replica is asking Defender the same thing right now: wait for its answer, boundedly.
      if (performance.now() + pause > deadline) return this.store(key, await load(), answer);
      waited = true;
      await sleep(pause);
      pause = Math.min(POLL_MAX_MS, Math.round(pause * 1.5));
    }
    let value: T;
    try {
      value = await load();
    } catch (e) {
      // Errors are not cached: whoever waits on this lease makes its own call.
      await shared.deleteIfEquals(lease, owner);
      throw e;
    }
    return this.store(key, value, answer, { lease, owner });
  }

  /** Keeps a fresh answer here and, with several replicas, on the shared level (releasing our lease in the same step). */
  private async store(key: string, value: unknown, answer?: string, held?: { lease: string; owner: string }): Promise<Entry> {
    const entry: Entry = { value, fetchedAt: this.clock.now() };
    // ttlMs 0: coalescing only, nothing kept.
    if (this.ttlMs > 0) this.entries.set(key, entry);
    if (this.shared !== undefined) {
      const json = JSON.stringify(entry);
      const at = answer ?? sharedKeys(key).answer;
      if (held === undefined) await this.shared.set(at, json, this.ttlMs);
      else await this.shared.setAndRelease(at, json, this.ttlMs, held.lease, held.owner);
    }
    return entry;
  }

  /** Another replica's answer as the shared level holds it; undefined if unreadable or older than ttlMs. */
  private parseShared(raw: string, source: ResultSource): Entry | undefined {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) return undefined;
      const fetchedAt: unknown = Reflect.get(parsed, 'fetchedAt');
      if (typeof fetchedAt !== 'number' || this.clock.now() - fetchedAt >= this.ttlMs || !('value' in parsed)) return undefined;
      // Written by this cache from a DefenderClient method's answer for the same key, hence the same type.
      return { value: Reflect.get(parsed, 'value'), fetchedAt, source };
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

/**
 * The shared store's keys: a hash of the cache key, which holds the person's id and what they asked
 * for. The answer and its lease share a {hash tag}: one cluster slot, as one Lua step needs.
 */
function sharedKeys(key: string): { answer: string; lease: string } {
  const hash = createHash('sha256').update(key).digest('base64url');
  return { answer: `answer:{${hash}}`, lease: `answer:{${hash}}:lease` };
}
