// Work the process must finish before it exits: requests being answered and cards still to be
// delivered proactively. Graceful shutdown waits for both.

export class WorkTracker {
  private pending = 0;
  private waiters: Array<() => void> = [];

  get count(): number {
    return this.pending;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.pending += 1;
    try {
      return await work();
    } finally {
      this.pending -= 1;
      if (this.pending === 0) this.waiters.splice(0).forEach((w) => w());
    }
  }

  drained(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
