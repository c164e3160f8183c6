// Bounded retries with jittered exponential backoff, for the client's idempotent GETs. Only what a
// second try can fix: a 5xx, a timeout, no connection. Never a 4xx (the same request gets the same
// answer), never `throttled` (429s are handled by the limiter, which knows how long to wait).
//
// Each try knows its number (currentAttempt(), through AsyncLocalStorage): the limited fetch gives a
// later try a longer exchange timeout, so a slow Defender answer is waited for rather than aborted
// and re-sent at the same timeout every time (./limited-fetch.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import { isDefenderError, type DefenderErrorCode } from '../defender';
import { backoffDelayMs } from '../shared/backoff';
import { sleep, systemClock, type Clock } from './clock';

export interface RetryOptions {
  /** Tries in all, the first included (default 3). 1 = no retries. */
  attempts?: number;
  /** Backoff before the first retry, doubled for each next one (default 200 ms) ... */
  baseDelayMs?: number;
  /** ... up to this (default 2 s). */
  maxDelayMs?: number;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
  clock?: Clock;
}

export const RETRY_DEFAULTS = { attempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 } as const;

const attempt = new AsyncLocalStorage<number>();
/** Later tries in flight. On Node 20 an enabled AsyncLocalStorage makes every promise of the process run a hook (BENCHMARKS.md, issue 17). */
let numberedInFlight = 0;

/** Which try of a RetryPolicy.run the caller is in: 1 for the first (and outside any retry). */
export function currentAttempt(): number {
  return attempt.getStore() ?? 1;
}

/**
 * `call` as try number `tried`. A first try outside any other try needs no store (currentAttempt() is
 * 1 there anyway), so the store, and with it Node 20's promise hooks, is on only while a later try runs.
 */
function asTry<T>(tried: number, call: () => Promise<T>): Promise<T> {
  if (tried === 1 && attempt.getStore() === undefined) return call();
  return numbered(tried, call);
}

async function numbered<T>(tried: number, call: () => Promise<T>): Promise<T> {
  numberedInFlight++;
  try {
    return await attempt.run(tried, call);
  } finally {
    // No numbered try left: turn the store (and the process-wide hooks) off until the next one.
    if (--numberedInFlight === 0) attempt.disable();
  }
}

const TRANSIENT: ReadonlySet<DefenderErrorCode> = new Set<DefenderErrorCode>(['serverError', 'timeout', 'unreachable']);

/** A failure worth trying again (and that says Defender is not answering well: the breaker counts the same ones). */
export function isTransient(e: unknown): boolean {
  return isDefenderError(e) && TRANSIENT.has(e.code);
}

export class RetryPolicy {
  readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private readonly clock: Clock;

  constructor(options: RetryOptions = {}) {
    this.attempts = options.attempts ?? RETRY_DEFAULTS.attempts;
    if (!Number.isSafeInteger(this.attempts) || this.attempts < 1) throw new RangeError('RetryPolicy: attempts must be a positive integer');
    this.baseDelayMs = options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
    this.maxDelayMs = options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
    if (!(this.baseDelayMs >= 0) || !(this.maxDelayMs >= this.baseDelayMs))
      throw new RangeError('RetryPolicy: need 0 <= baseDelayMs <= maxDelayMs');
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? systemClock;
  }

  /** Milliseconds before retry number `retry` (from 1): the shared jittered exponential backoff. */
  delayMs(retry: number): number {
    return backoffDelayMs(retry, { baseDelayMs: this.baseDelayMs, maxDelayMs: this.maxDelayMs, random: this.random });
  }

  /** Runs `attempt` until it succeeds, fails with something `retryable` rejects, or the tries run out. */
  async run<T>(call: () => Promise<T>, retryable: (e: unknown) => boolean = isTransient): Promise<T> {
    for (let tried = 1; ; tried++) {
      try {
        return await asTry(tried, call);
      } catch (e) {
        if (tried >= this.attempts || !retryable(e)) throw e;
        await sleep(this.clock, this.delayMs(tried));
      }
    }
  }
}
