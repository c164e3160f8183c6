// Where a confirmation waits for its Confirm click. The card carries only the opaque id; everything
// the action means (what, which machine, why, who asked, where) stays here, server-side, in the
// state store: in this process without REDIS_URL, on Redis for every replica with it. So a card
// made on one replica is confirmed on another, and of any number of clicks on any replicas exactly
// one takes the entry (GETDEL) and sends the POST.
import type { StateStore } from '../state/state-store';
import { parseStoredJson } from '../shared/stored-json';

export interface PendingStore<T> {
  get(id: string): Promise<T | undefined>;
  /** Create-only: false (and nothing written) when the id exists. Gone after `ttlMs`. */
  put(id: string, value: T, ttlMs: number): Promise<boolean>;
  /** Removes and returns the entry atomically: of any number of concurrent calls, exactly one gets it. */
  take(id: string): Promise<T | undefined>;
}

export interface StatePendingStoreOptions<T> {
  /** Key prefix of this kind of entry (inside the store's own REDIS_KEY_PREFIX), e.g. `action-pending:`. */
  kind: string;
  /** Validates a decoded value into a T; undefined when it does not fit. */
  parse(value: unknown): T | undefined;
  /** Told (with the key's kind, never the value) when a stored value did not parse; it is then treated as absent. */
  onUnreadable(kind: string): void;
}

export class StatePendingStore<T> implements PendingStore<T> {
  constructor(
    private readonly store: StateStore,
    private readonly options: StatePendingStoreOptions<T>,
  ) {}

  async get(id: string): Promise<T | undefined> {
    return this.decode(await this.store.get(this.key(id)));
  }

  async put(id: string, value: T, ttlMs: number): Promise<boolean> {
    const before = this.store.mode();
    const created = await this.store.setIfAbsent(this.key(id), JSON.stringify(value), ttlMs);
    // Redis failed during this very write (shared before, degraded now): it may still have executed
    // it, and the store also kept a local copy; both could each be taken once, so two POSTs. Keep
    // only the Redis copy, if any: the click then finds it there, or is told it is no longer open.
    if (created && before === 'shared' && this.store.mode() === 'degraded') await this.store.delete(this.key(id));
    return created;
  }

  async take(id: string): Promise<T | undefined> {
    return this.decode(await this.store.take(this.key(id)));
  }

  private key(id: string): string {
    return `${this.options.kind}${id}`;
  }

  private decode(raw: string | undefined): T | undefined {
    if (raw === undefined) return undefined;
    const value = parseStoredJson(raw);
    const parsed = value === undefined ? undefined : this.options.parse(value);
    if (parsed === undefined) this.options.onUnreadable(this.options.kind);
    return parsed;
  }
}
