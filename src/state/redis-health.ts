// Whether this replica is on shared state right now. Any Redis command that fails or times out
// turns it to 'degraded' (logged once); a probe (PING) every second while degraded turns it back to
// 'shared' (logged once) and tells the listeners, e.g. the budget, which then re-records its calls.
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger';

export class RedisHealth {
  #degraded = false;
  #reason = '';
  #probe: NodeJS.Timeout | undefined;
  readonly #listeners: Array<() => void> = [];

  constructor(
    private readonly client: Redis,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
    private readonly probeEveryMs = 1000,
  ) {}

  get degraded(): boolean {
    return this.#degraded;
  }

  /** Why the replica is degraded ('' when shared). */
  get reason(): string {
    return this.#reason;
  }

  onRecovered(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** Runs one Redis command; on failure marks the replica degraded and returns undefined (the caller answers locally). */
  async attempt<T>(command: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (this.#degraded) return { ok: false };
    try {
      return { ok: true, value: await command() };
    } catch (e) {
      this.fail(e);
      return { ok: false };
    }
  }

  fail(e: unknown): void {
    if (this.#degraded || this.#closed) return;
    this.#degraded = true;
    this.#reason = `Redis unreachable or slow (${e instanceof Error ? e.message : 'error'}): answering with this replica's local share`;
    this.logger.warn({ event: 'sharedStateDegraded', reason: this.#reason }, 'shared state degraded: Redis is not answering');
    this.#probe = setInterval(() => void this.#tryRecover(), this.probeEveryMs);
    this.#probe.unref();
  }

  #closed = false;

  close(): void {
    this.#closed = true;
    if (this.#probe !== undefined) clearInterval(this.#probe);
  }

  async #tryRecover(): Promise<void> {
    if (!this.#degraded || this.#recovering) return;
    this.#recovering = true;
    try {
      await this.client.ping();
      if (this.#probe !== undefined) clearInterval(this.#probe);
      this.#probe = undefined;
      this.#degraded = false;
      this.#reason = '';
      this.logger.info({ event: 'sharedStateRecovered' }, 'shared state back on Redis');
      for (const listener of this.#listeners) listener();
    } catch {
      // still down: the next probe tries again
    } finally {
      this.#recovering = false;
    }
  }

  #recovering = false;
}
