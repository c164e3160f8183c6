// Teams resends an activity it has not seen answered within ~15 s: the same activity id arrives twice.
// Remember recent ids (bounded, oldest forgotten first) so a command runs and answers once.

export class RecentActivities {
  private readonly seen = new Map<string, number>();

  constructor(private readonly max = 10_000, private readonly ttlMs = 10 * 60_000, private readonly now: () => number = Date.now) {}

  /** True the first time a key is offered (within the TTL), false for a redelivery. */
  firstDelivery(key: string): boolean {
    const t = this.now();
    const previous = this.seen.get(key);
    if (previous !== undefined && t - previous < this.ttlMs) return false;
    this.seen.delete(key);
    this.seen.set(key, t);
    while (this.seen.size > this.max) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
