// The state store in one process's memory: the default without REDIS_URL (one instance, the demo),
// and each replica's fallback while Redis is unreachable. Bounded (least recently used goes first)
// and every entry expires with its own TTL.
import { checkTtl, type StateStore, type StoreMode } from './state-store';

interface Entry {
  value: string;
  expiresAt: number;
}

interface MapEntry {
  fields: Map<string, string>;
  expiresAt: number;
}

export class MemoryStateStore implements StateStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maps = new Map<string, MapEntry>();
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: { maxEntries?: number; now?: () => number } = {}) {
    this.#max = options.maxEntries ?? 50_000;
    this.#now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    return keys.map((key) => this.#live(key)?.value);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    checkTtl(ttlMs);
    this.#write(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    if (this.#live(key) !== undefined) return false;
    this.#write(key, value, ttlMs);
    return true;
  }

  async take(key: string): Promise<string | undefined> {
    const entry = this.#live(key);
    this.#entries.delete(key);
    return entry?.value;
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.#live(key) !== undefined;
    this.#entries.delete(key);
    return existed;
  }

  async deleteIfEquals(key: string, expected: string): Promise<boolean> {
    if (this.#live(key)?.value !== expected) return false;
    this.#entries.delete(key);
    return true;
  }

  async setField(key: string, field: string, value: string, ttlMs: number): Promise<void> {
    checkTtl(ttlMs);
    const map = this.#liveMap(key) ?? { fields: new Map<string, string>(), expiresAt: 0 };
    map.fields.set(field, value);
    map.expiresAt = Math.max(map.expiresAt, this.#now() + ttlMs);
    this.#maps.set(key, map);
  }

  async getField(key: string, field: string): Promise<string | undefined> {
    return this.#liveMap(key)?.fields.get(field);
  }

  async fields(key: string): Promise<Map<string, string>> {
    return new Map(this.#liveMap(key)?.fields ?? []);
  }

  async deleteField(key: string, field: string): Promise<boolean> {
    const map = this.#liveMap(key);
    if (map === undefined || !map.fields.delete(field)) return false;
    if (map.fields.size === 0) this.#maps.delete(key);
    return true;
  }

  async getOrClaim(
    key: string,
    claimKey: string,
    claimValue: string,
    claimTtlMs: number,
  ): Promise<{ value: string } | { claimed: boolean }> {
    const value = this.#live(key)?.value;
    if (value !== undefined) return { value };
    return { claimed: await this.setIfAbsent(claimKey, claimValue, claimTtlMs) };
  }

  async setAndRelease(key: string, value: string, ttlMs: number, claimKey: string, claimValue: string): Promise<void> {
    await this.set(key, value, ttlMs);
    await this.deleteIfEquals(claimKey, claimValue);
  }

  mode(): StoreMode {
    return 'local';
  }

  get size(): number {
    return this.#entries.size;
  }

  close(): Promise<void> {
    this.#entries.clear();
    this.#maps.clear();
    return Promise.resolve();
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order, so the first key is the one to evict.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  #liveMap(key: string): MapEntry | undefined {
    const map = this.#maps.get(key);
    if (map !== undefined && map.expiresAt <= this.#now()) {
      this.#maps.delete(key);
      return undefined;
    }
    return map;
  }

  #write(key: string, value: string, ttlMs: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }
}
