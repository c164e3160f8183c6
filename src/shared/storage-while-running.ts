// An AsyncLocalStorage that is on only while one of its runs is in flight. On Node 20 an enabled
// AsyncLocalStorage makes every promise of the whole process run a hook (BENCHMARKS.md, issue 17), so
// once the last run has settled the storage is disabled until the next run turns it on again.
import { AsyncLocalStorage } from 'node:async_hooks';

export class StorageWhileRunning<T> {
  readonly #storage = new AsyncLocalStorage<T>();
  #inFlight = 0;

  /** The value of the run the caller is inside; undefined outside any run. */
  getStore(): T | undefined {
    return this.#storage.getStore();
  }

  async run<R>(value: T, work: () => Promise<R>): Promise<R> {
    this.#inFlight++;
    try {
      return await this.#storage.run(value, work);
    } finally {
      if (--this.#inFlight === 0) this.#storage.disable();
    }
  }
}
