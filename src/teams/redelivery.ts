// Teams resends an activity it has not seen answered within ~15 s: the same activity id arrives twice.
// Remember recent ids (bounded, oldest forgotten first) so a command runs and answers once.
import { BoundedMap } from '../shared/bounded-map';

export class RecentActivities {
  private readonly seen: BoundedMap<string, true>;

  constructor(max = 10_000, ttlMs = 10 * 60_000, now: () => number = Date.now) {
    this.seen = new BoundedMap({ max, ttlMs, now });
  }

  /** True the first time a key is offered (within the TTL), false for a redelivery. */
  firstDelivery(key: string): boolean {
    if (this.seen.peek(key) !== undefined) return false;
    this.seen.set(key, true);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
