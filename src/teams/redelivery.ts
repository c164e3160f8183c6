// Teams resends an activity it has not seen answered within ~15 s: the same activity id arrives
// twice, and with several replicas behind a load balancer, possibly to another replica. A
// create-only write (`SET key NX PX ttl` on Redis, see src/state) lets exactly one delivery through,
// across replicas; the key is a hash of the id, remembered for the TTL.
import { createHash } from 'node:crypto';
import { MemoryStateStore } from '../state/memory-store';
import type { StateStore } from '../state/state-store';

export class RecentActivities {
  readonly #store: StateStore;
  readonly #ttlMs: number;
  readonly #kind: string;

  /** `kind` keeps different id spaces apart in one store (activities, token exchanges). */
  constructor(options: { store?: StateStore; ttlMs?: number; kind?: string; maxEntries?: number; now?: () => number } = {}) {
    this.#store =
      options.store ??
      new MemoryStateStore({ maxEntries: options.maxEntries ?? 10_000, ...(options.now === undefined ? {} : { now: options.now }) });
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#kind = options.kind ?? 'activity';
  }

  /** True the first time a key is offered (within the TTL, on any replica), false for a redelivery. */
  firstDelivery(key: string): Promise<boolean> {
    return this.#store.setIfAbsent(this.storeKey(key), '1', this.#ttlMs);
  }

  /** Where `key` is remembered, and for how long: for a caller that makes the same create-only write in a step of its own. */
  delivery(key: string): { store: StateStore; key: string; ttlMs: number } {
    return { store: this.#store, key: this.storeKey(key), ttlMs: this.#ttlMs };
  }

  private storeKey(key: string): string {
    return `seen:${this.#kind}:${createHash('sha256').update(key).digest('base64url')}`;
  }
}
