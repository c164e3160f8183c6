// Commands per person per minute, before any token or Defender call: one analyst (or a script
// posting as them) cannot turn the shared Defender budget into their own. rate-limiter-flexible,
// keyed by a hash of the requester: in memory for one process, RateLimiterRedis for several
// replicas (one count across them), with an in-memory insurance limiter at perMinute ÷ replicas
// while Redis is away.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface CommandRefusal {
  retryAfterSeconds: number;
  perMinute: number;
}

export class CommandRate {
  readonly #limiter: RateLimiterAbstract;
  readonly #perMinute: number;

  constructor(perMinute: number, shared?: { client: Redis; expectedReplicas: number }) {
    if (!Number.isSafeInteger(perMinute) || perMinute < 1) throw new RangeError('CommandRate: perMinute must be a positive integer');
    this.#perMinute = perMinute;
    this.#limiter =
      shared === undefined
        ? new RateLimiterMemory({ points: perMinute, duration: 60 })
        : new RateLimiterRedis({
            storeClient: shared.client,
            keyPrefix: 'commands',
            points: perMinute,
            duration: 60,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory({ points: Math.max(1, Math.floor(perMinute / shared.expectedReplicas)), duration: 60 }),
          });
  }

  /** Counts one command for `userKey`; a refusal says when the next one will be taken. */
  async take(userKey: string): Promise<CommandRefusal | undefined> {
    try {
      await this.#limiter.consume(createHash('sha256').update(userKey).digest('base64url').slice(0, 22));
      return undefined;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      return { retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)), perMinute: this.#perMinute };
    }
  }
}
