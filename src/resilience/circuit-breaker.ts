// One per Defender base URL. After `failureThreshold` consecutive transient failures (5xx, timeout,
// no connection) it opens: calls fail at once, without touching Defender or the budget, with a
// DefenderError `unreachable` whose retryAfterSeconds is the time until it half-opens, so the card
// can say "Defender is not answering; try again in N s". After the cool-down one call is let through
// as a probe (the others keep failing fast); its success closes the breaker, its failure opens it
// for another cool-down. Any answer from Defender, even a 404 or 429, counts as success: it answered.
// A failure that never reached Defender (no token, refused input, the bot's own budget) counts for nothing.
//
// With several replicas (REDIS_URL) the open state is shared: a breaker that opens writes its end
// time to the state store (TTL = the cool-down), and every replica's breaker, while closed, looks
// there (at most once a second, without waiting for the answer) and opens too: a Defender outage
// seen by one replica protects all.
import { DefenderError, isDefenderError } from '../defender';
import type { StateStore } from '../state/state-store';
import { systemClock, type Clock } from './clock';
import { isTransient } from './retry';

export interface CircuitBreakerOptions {
  /** Consecutive transient failures that open it (default 5). */
  failureThreshold?: number;
  /** How long it stays open before a probe (default 30 s). */
  coolDownMs?: number;
  /** What is being protected, for messages (the base URL). */
  name?: string;
  clock?: Clock;
  /** Shared open state between replicas: the store and this breaker's key in it. */
  shared?: { store: StateStore; key: string };
}

export const CIRCUIT_BREAKER_DEFAULTS = { failureThreshold: 5, coolDownMs: 30_000 } as const;

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly coolDownMs: number;
  private readonly name: string;
  private readonly clock: Clock;
  private consecutiveFailures = 0;
  private openedUntil: number | undefined;
  private probing = false;
  /** The errors this breaker made up itself, so retries can tell them from Defender's own. */
  private readonly ownErrors = new WeakSet<object>();
  private readonly shared: { store: StateStore; key: string } | undefined;
  private sharedCheckedAt = -Infinity;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? CIRCUIT_BREAKER_DEFAULTS.failureThreshold;
    this.coolDownMs = options.coolDownMs ?? CIRCUIT_BREAKER_DEFAULTS.coolDownMs;
    if (!Number.isSafeInteger(this.failureThreshold) || this.failureThreshold < 1)
      throw new RangeError('CircuitBreaker: failureThreshold must be a positive integer');
    if (!(this.coolDownMs > 0) || !Number.isFinite(this.coolDownMs))
      throw new RangeError('CircuitBreaker: coolDownMs must be a positive number');
    this.name = options.name ?? 'the Defender API';
    this.clock = options.clock ?? systemClock;
    this.shared = options.shared;
  }

  state(): BreakerState {
    if (this.openedUntil === undefined) return 'closed';
    return this.clock.now() < this.openedUntil ? 'open' : 'halfOpen';
  }

  /** Whether `e` is this breaker failing fast (not a failure Defender produced). */
  isFailFast(e: unknown): boolean {
    return typeof e === 'object' && e !== null && this.ownErrors.has(e);
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    this.adoptShared();
    const t = this.clock.now();
    let probe = false;
    if (this.openedUntil !== undefined) {
      if (t < this.openedUntil) throw this.failFast(this.openedUntil - t);
      // Half-open: one probe at a time; it answers within the client's timeouts.
      if (this.probing) throw this.failFast(1000);
      this.probing = true;
      probe = true;
    }
    try {
      const result = await call();
      this.succeeded();
      return result;
    } catch (e) {
      if (isTransient(e)) this.failed(probe);
      else if (answeredByDefender(e)) this.succeeded();
      // Otherwise the call never reached Defender (no token, input refused, our own budget said
      // wait): it proves nothing either way, and a half-open breaker waits for another probe.
      throw e;
    } finally {
      if (probe) this.probing = false;
    }
  }

  /**
   * While closed: another replica's breaker may have opened (looked up at most once a second). The
   * look-up is not waited for: no command waits on a Redis round trip for it; its answer opens this
   * breaker for the calls after it (at most one second's calls later than an awaited read would).
   */
  private adoptShared(): void {
    const shared = this.shared;
    if (shared === undefined || this.openedUntil !== undefined) return;
    const t = this.clock.now();
    if (t - this.sharedCheckedAt < 1000) return;
    this.sharedCheckedAt = t;
    void shared.store.get(shared.key).then((raw) => {
      const until = Number(raw);
      if (Number.isFinite(until) && until > this.clock.now() && this.openedUntil === undefined) this.openedUntil = until;
    });
  }

  private succeeded(): void {
    this.consecutiveFailures = 0;
    this.openedUntil = undefined;
  }

  private failed(probe: boolean): void {
    const t = this.clock.now();
    // Calls sent before it opened may fail after: they do not extend the cool-down.
    if (!probe && this.openedUntil !== undefined) return;
    this.consecutiveFailures += 1;
    if (probe || this.consecutiveFailures >= this.failureThreshold) {
      this.openedUntil = t + this.coolDownMs;
      void this.shared?.store.set(this.shared.key, String(this.openedUntil), this.coolDownMs);
    }
  }

  private failFast(waitMs: number): DefenderError {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    const error = new DefenderError(
      'unreachable',
      `${this.name} is not answering (${this.consecutiveFailures} failures in a row); not calling it for ${seconds} s`,
      {
        retryAfterSeconds: seconds,
      },
    );
    this.ownErrors.add(error);
    return error;
  }
}

/** An error carrying an HTTP status came from Defender's answer; one without was made before or instead of a call. */
function answeredByDefender(e: unknown): boolean {
  return isDefenderError(e) && e.status !== undefined;
}
