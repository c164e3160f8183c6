// Where a confirmation waits for its Confirm click. The card carries only the opaque id; everything
// the action means (what, which machine, why, who asked, where) stays here, server-side. Minimal and
// async so a shared store (Redis: SET NX PX for put, GETDEL for take) can back it across replicas.
import { BoundedMap } from '../shared/bounded-map';

export interface PendingStore<T> {
  get(id: string): Promise<T | undefined>;
  /** Create-only: false (and nothing written) when the id exists. Gone after `ttlMs`. */
  put(id: string, value: T, ttlMs: number): Promise<boolean>;
  /** Removes and returns the entry atomically: of any number of concurrent calls, exactly one gets it. */
  take(id: string): Promise<T | undefined>;
}

/** One process's store. Bounded: a flood of requests forgets the oldest, never grows without limit. */
export class MemoryPendingStore<T> implements PendingStore<T> {
  private readonly entries: BoundedMap<string, { value: T; expiresAt: number }>;

  constructor(
    max = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new BoundedMap({ max, now });
  }

  async get(id: string): Promise<T | undefined> {
    return this.live(id)?.value;
  }

  async put(id: string, value: T, ttlMs: number): Promise<boolean> {
    if (this.live(id) !== undefined) return false;
    this.entries.set(id, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async take(id: string): Promise<T | undefined> {
    // Synchronous between the read and the delete: no other call can interleave on one event loop.
    const entry = this.live(id);
    if (entry === undefined) return undefined;
    this.entries.delete(id);
    return entry.value;
  }

  private live(id: string): { value: T; expiresAt: number } | undefined {
    const entry = this.entries.peek(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }
}
