// Commands per person per minute, before any token or Defender call: one analyst (or a script
// posting as them) cannot turn the shared Defender budget into their own. rate-limiter-flexible's
// in-memory limiter, keyed by the requester; when the budget moves to Redis (shared between
// instances), RateLimiterRedis takes the same options.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface CommandRefusal {
  retryAfterSeconds: number;
  perMinute: number;
}

export class CommandRate {
  readonly #limiter: RateLimiterMemory;
  readonly #perMinute: number;

  constructor(perMinute: number) {
    if (!Number.isSafeInteger(perMinute) || perMinute < 1) throw new RangeError('CommandRate: perMinute must be a positive integer');
    this.#perMinute = perMinute;
    this.#limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  /** Counts one command for `userKey`; a refusal says when the next one will be taken. */
  async take(userKey: string): Promise<CommandRefusal | undefined> {
    try {
      await this.#limiter.consume(userKey);
      return undefined;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      return { retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)), perMinute: this.#perMinute };
    }
  }
}
