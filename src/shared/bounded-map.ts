// The one bounded map: at most `max` entries, the least recently used forgotten first (lru-cache),
// and optionally forgotten `ttlMs` after they were set. The TTL is checked here, on an injectable
// clock, rather than by lru-cache's own: that one caches its clock reading for a while and treats
// a start time of 0 (a test clock's first instant) as "no TTL".
import { LRUCache } from 'lru-cache';

export interface BoundedMapOptions {
  /** Entries kept at most; the least recently used goes first. */
  max: number;
  /** An entry is gone once this old (age >= ttlMs). Default: kept until evicted or deleted. */
  ttlMs?: number;
  /** The clock the TTL is measured on, in milliseconds. Default Date.now. */
  now?: () => number;
}

interface Stamped<V> {
  value: V;
  at: number;
}

export class BoundedMap<K extends {}, V> {
  readonly #entries: LRUCache<K, Stamped<V>>;
  readonly #ttlMs: number | undefined;
  readonly #now: () => number;

  constructor(options: BoundedMapOptions) {
    if (!Number.isSafeInteger(options.max) || options.max < 1) throw new RangeError('BoundedMap: max must be a positive integer');
    if (options.ttlMs !== undefined && !(options.ttlMs >= 0)) throw new RangeError('BoundedMap: ttlMs must be 0 or more');
    this.#entries = new LRUCache({ max: options.max });
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** The live value, which becomes the most recently used. */
  get(key: K): V | undefined {
    return this.#live(key, this.#entries.get(key));
  }

  /** The live value, leaving the order of use alone. */
  peek(key: K): V | undefined {
    return this.#live(key, this.#entries.peek(key));
  }

  set(key: K, value: V): void {
    this.#entries.set(key, { value, at: this.#now() });
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** Deletes every entry whose value matches; returns how many. */
  deleteWhere(match: (value: V) => boolean): number {
    let n = 0;
    for (const [key, entry] of [...this.#entries.entries()]) {
      if (match(entry.value) && this.#entries.delete(key)) n++;
    }
    return n;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Entries held, expired ones not yet looked at included. */
  get size(): number {
    return this.#entries.size;
  }

  #live(key: K, entry: Stamped<V> | undefined): V | undefined {
    if (entry === undefined) return undefined;
    if (this.#ttlMs !== undefined && this.#now() - entry.at >= this.#ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
}
