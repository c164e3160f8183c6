// Commands per person per minute, before any token or Defender call: one analyst (or a script
// posting as them) cannot turn the shared Defender budget into their own. A fixed window per person,
// keyed by a hash of the requester: the window starts with their first command and lasts 60 s; a
// command over the limit is told to retry when the window ends.
// - One process: rate-limiter-flexible's RateLimiterMemory.
// - Several replicas (Redis): the same window on Redis, with rate-limiter-flexible's RateLimiterRedis
//   algorithm (create the key with the window's TTL, INCRBY, PTTL = time to the next window), run as
//   our own script because a typed command's first delivery is counted in the same script as its
//   redelivery check (takeOnFirstDelivery: one round trip instead of two), which RateLimiterRedis's
//   API cannot do. While Redis is away, RateLimiterMemory at perMinute ÷ replicas, as its
//   insurance limiter was.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { LuaScript } from '../state/lua-script';
import type { RedisHealth } from '../state/redis-health';
import type { StateStore } from '../state/state-store';

export interface CommandRefusal {
  retryAfterSeconds: number;
  perMinute: number;
}

/** A delivery seen before (a redelivery: nothing counted), or the first one and its command's count. */
export type FirstDelivery = { duplicate: true } | { duplicate: false; refusal: CommandRefusal | undefined };

const WINDOW_SECONDS = 60;

/** rate-limiter-flexible's RateLimiterRedis script, one point, on the key in KEY; ARGV[1] the window in seconds. */
const COUNT = `
redis.call('SET', KEY, 0, 'EX', ARGV[1], 'NX')
local consumed = redis.call('INCRBY', KEY, 1)
local ttl = redis.call('PTTL', KEY)
if ttl == -1 then
  redis.call('EXPIRE', KEY, ARGV[1])
  ttl = 1000 * ARGV[1]
end
return {1, consumed, ttl}
`;
/** KEYS[1] the person's count. */
const TAKE = new LuaScript(`local KEY = KEYS[1]${COUNT}`);
/** KEYS[1] the delivery (create-only, for ARGV[2] ms), KEYS[2] the person's count: a redelivery ({0}) counts nothing. */
const TAKE_ON_FIRST_DELIVERY = new LuaScript(`
if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[2], 'NX') then return {0} end
local KEY = KEYS[2]${COUNT}`);

export class CommandRate {
  readonly #perMinute: number;
  /** In one process the limiter; with Redis the share used while Redis is away. */
  readonly #local: RateLimiterMemory;
  readonly #shared: { client: Redis; health: RedisHealth } | undefined;

  constructor(perMinute: number, shared?: { client: Redis; health: RedisHealth; expectedReplicas: number }) {
    if (!Number.isSafeInteger(perMinute) || perMinute < 1) throw new RangeError('CommandRate: perMinute must be a positive integer');
    this.#perMinute = perMinute;
    this.#local = new RateLimiterMemory({
      points: shared === undefined ? perMinute : Math.max(1, Math.floor(perMinute / shared.expectedReplicas)),
      duration: WINDOW_SECONDS,
    });
    this.#shared = shared === undefined ? undefined : { client: shared.client, health: shared.health };
  }

  /** Counts one command for `userKey`; a refusal says when the next one will be taken. */
  async take(userKey: string): Promise<CommandRefusal | undefined> {
    const person = personHash(userKey);
    const shared = this.#shared;
    if (shared !== undefined) {
      const r = await shared.health.attempt(() => TAKE.run(shared.client, [countKey(person)], [WINDOW_SECONDS]));
      if (r.ok) return this.#verdict(r.value);
    }
    return this.#takeLocally(person);
  }

  /**
   * The first delivery of an activity counts its command; a redelivery counts nothing. `deliveryKey`
   * is the redelivery key (see ../teams/redelivery.ts), kept `ttlMs` in `store`. With Redis: one
   * script for both (the delivery key carries the person's hash tag, so both keys share a cluster slot).
   */
  async takeOnFirstDelivery(userKey: string, delivery: { store: StateStore; key: string; ttlMs: number }): Promise<FirstDelivery> {
    const person = personHash(userKey);
    const deliveryKey = `${delivery.key}:{${person}}`;
    const shared = this.#shared;
    if (shared !== undefined) {
      const r = await shared.health.attempt(() =>
        TAKE_ON_FIRST_DELIVERY.run(shared.client, [deliveryKey, countKey(person)], [WINDOW_SECONDS, delivery.ttlMs]),
      );
      if (r.ok) {
        const reply = Array.isArray(r.value) ? r.value : [];
        if (reply[0] !== 1) return { duplicate: true };
        return { duplicate: false, refusal: this.#verdict(reply) };
      }
    }
    // One process, or Redis away: the store's own create-only write (local while Redis is away), then the local count.
    if (!(await delivery.store.setIfAbsent(deliveryKey, '1', delivery.ttlMs))) return { duplicate: true };
    return { duplicate: false, refusal: await this.#takeLocally(person) };
  }

  #verdict(reply: unknown): CommandRefusal | undefined {
    const [, consumed, ttl] = Array.isArray(reply) ? reply : [];
    if (Number(consumed) <= this.#perMinute) return undefined;
    return this.#refusal(Number(ttl));
  }

  async #takeLocally(person: string): Promise<CommandRefusal | undefined> {
    try {
      await this.#local.consume(person);
      return undefined;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      return this.#refusal(e.msBeforeNext);
    }
  }

  #refusal(msBeforeNext: number): CommandRefusal {
    return { retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)), perMinute: this.#perMinute };
  }
}

function personHash(userKey: string): string {
  return createHash('sha256').update(userKey).digest('base64url').slice(0, 22);
}

/** The person's count; its {hash tag} is the one their delivery keys carry. */
function countKey(person: string): string {
  return `commands:{${person}}`;
}
