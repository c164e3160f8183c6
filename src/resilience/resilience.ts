// Builds the process-wide pieces once (one budget limiter, one result cache, one breaker per base
// URL, one retry policy) and hands out per-person clients that share them. Given shared state on
// Redis (src/state), the budget, command rate, cache and breakers are shared by every replica.
import { createHash } from 'node:crypto';
import { createDefenderClient, type DefenderClient, type FetchLike, type ResponseActionsClient } from '../defender';
import { BudgetLimiter, DEFAULT_BUDGET } from './budget-limiter';
import { CommandRate } from './command-rate';
import { CircuitBreaker, CIRCUIT_BREAKER_DEFAULTS } from './circuit-breaker';
import { systemClock, type Clock } from './clock';
import { limitedFetch, LIMITED_FETCH_DEFAULTS } from './limited-fetch';
import { createResilientClient, type ResilientDefenderClient, type ResultMeta } from './resilient-client';
import { ResultCache, RESULT_CACHE_DEFAULTS } from './result-cache';
import { RetryPolicy, RETRY_DEFAULTS } from './retry';
import { SharedBudget } from './shared-budget';
import type { SharedState } from '../state/shared-state';

export interface ResilienceOptions {
  /** Defender's per-endpoint limits for the whole tenant (100 / 1500) and the share kept unused (0.05). */
  perMinute?: number;
  perHour?: number;
  safetyMargin?: number;
  /** Calls one person may have waiting at the shared gate per endpoint (2). */
  perUserConcurrency?: number;
  /** Largest fraction of each window one person may use, per endpoint (0.25). */
  perUserShare?: number;
  /** Defender commands one person may send per minute (20). */
  commandsPerUserPerMinute?: number;
  /** Longest a request waits for budget (and 429 pauses) before the analyst is told "throttled, retry in N s" (120 s). */
  maxQueueWaitMs?: number;
  /** Per HTTP exchange once sent (10 s). */
  requestTimeoutMs?: number;
  /** Re-sends of one request after a 429 (3). */
  maxThrottleRetries?: number;
  /** Tries per client call for 5xx / timeout / no connection, the first included (3). */
  retryAttempts?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Consecutive transient failures that open the breaker (5), and how long it stays open (30 s). */
  breakerFailureThreshold?: number;
  breakerCoolDownMs?: number;
  /** Per-person answer cache: TTL (60 s; 0 = off, coalescing only) and size (1000). */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  clock?: Clock;
  /** For the retry jitter. */
  random?: () => number;
}

export const RESILIENCE_DEFAULTS = {
  ...DEFAULT_BUDGET,
  commandsPerUserPerMinute: 20,
  maxQueueWaitMs: LIMITED_FETCH_DEFAULTS.maxWaitMs,
  requestTimeoutMs: LIMITED_FETCH_DEFAULTS.requestTimeoutMs,
  maxThrottleRetries: LIMITED_FETCH_DEFAULTS.maxThrottleRetries,
  retryAttempts: RETRY_DEFAULTS.attempts,
  retryBaseDelayMs: RETRY_DEFAULTS.baseDelayMs,
  retryMaxDelayMs: RETRY_DEFAULTS.maxDelayMs,
  breakerFailureThreshold: CIRCUIT_BREAKER_DEFAULTS.failureThreshold,
  breakerCoolDownMs: CIRCUIT_BREAKER_DEFAULTS.coolDownMs,
  cacheTtlMs: RESULT_CACHE_DEFAULTS.ttlMs,
  cacheMaxEntries: RESULT_CACHE_DEFAULTS.maxEntries,
} as const;

/** Who a client is for, and where it calls. */
export interface ClientScope {
  userKey: string;
  /** The Defender API base URL (no trailing /api). */
  baseUrl: string;
  onResult?: (meta: ResultMeta) => void;
  /** Bypass the answer cache (a Refresh click); same budget, breaker and retries. */
  fresh?: boolean;
}

export interface Resilience {
  readonly limiter: BudgetLimiter;
  /** Commands per person per minute, checked before any token or Defender call. */
  readonly commands: CommandRate;
  readonly cache: ResultCache;
  readonly retry: RetryPolicy;
  /** The breaker for one Defender base URL (created on first use). */
  breakerFor(baseUrl: string): CircuitBreaker;
  /** The fetch to build a person's inner client with: budget, fairness, per-request timeout, 429 pauses. */
  fetchFor(fetch: FetchLike, scope: Pick<ClientScope, 'userKey' | 'baseUrl'>): FetchLike;
  /** Cache, coalescing, breaker and retries around an inner client built on fetchFor(). */
  wrap(inner: DefenderClient & Partial<ResponseActionsClient>, scope: ClientScope): ResilientDefenderClient;
  /** Both steps: the inner client on the limited fetch, wrapped. One per command (per turn). */
  clientFor(options: ClientScope & { fetch: FetchLike; getToken: () => Promise<string>; maxPages?: number }): ResilientDefenderClient;
  /** Fails queued calls and stops timers; for shutdown. */
  close(): Promise<void>;
}

export function createResilience(options: ResilienceOptions = {}, state?: SharedState): Resilience {
  const o = { ...RESILIENCE_DEFAULTS, ...definedOnly(options) };
  const clock = options.clock ?? systemClock;
  for (const [name, value] of Object.entries({ maxQueueWaitMs: o.maxQueueWaitMs, requestTimeoutMs: o.requestTimeoutMs })) {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`createResilience: ${name} must be a positive number`);
  }
  if (!Number.isSafeInteger(o.maxThrottleRetries) || o.maxThrottleRetries < 0)
    throw new RangeError('createResilience: maxThrottleRetries must be a whole number');

  const redis = state?.redis;
  const cache = new ResultCache({
    ttlMs: o.cacheTtlMs,
    maxEntries: o.cacheMaxEntries,
    clock,
    ...(redis === undefined || state === undefined ? {} : { shared: state.store }),
  });
  const retry = new RetryPolicy({
    attempts: o.retryAttempts,
    baseDelayMs: o.retryBaseDelayMs,
    maxDelayMs: o.retryMaxDelayMs,
    clock,
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  // Breakers are made per base URL on first use; check their options now, with the others.
  new CircuitBreaker({ failureThreshold: o.breakerFailureThreshold, coolDownMs: o.breakerCoolDownMs, clock });
  const budget = {
    perMinute: o.perMinute,
    perHour: o.perHour,
    safetyMargin: o.safetyMargin,
    perUserConcurrency: o.perUserConcurrency,
    perUserShare: o.perUserShare,
    clock,
  };
  const { limiter, sharedBudget } =
    redis === undefined || state === undefined
      ? { limiter: new BudgetLimiter(budget), sharedBudget: undefined }
      : sharedLimiter(budget, state.expectedReplicas, redis, o.requestTimeoutMs);
  const commands = new CommandRate(
    o.commandsPerUserPerMinute,
    redis === undefined || state === undefined
      ? undefined
      : { client: redis.connection.client, health: redis.health, expectedReplicas: state.expectedReplicas },
  );
  const breakers = new Map<string, CircuitBreaker>();

  const breakerFor = (baseUrl: string): CircuitBreaker => {
    const key = normalizedBase(baseUrl);
    let breaker = breakers.get(key);
    if (breaker === undefined) {
      breaker = new CircuitBreaker({
        failureThreshold: o.breakerFailureThreshold,
        coolDownMs: o.breakerCoolDownMs,
        name: `the Defender API at ${key}`,
        clock,
        ...(redis === undefined || state === undefined
          ? {}
          : { shared: { store: state.store, key: `breaker:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}` } }),
      });
      breakers.set(key, breaker);
    }
    return breaker;
  };

  const fetchFor: Resilience['fetchFor'] = (fetch, scope) =>
    limitedFetch(fetch, {
      limiter,
      userKey: scope.userKey,
      baseUrl: scope.baseUrl,
      requestTimeoutMs: o.requestTimeoutMs,
      maxWaitMs: o.maxQueueWaitMs,
      maxThrottleRetries: o.maxThrottleRetries,
      clock,
    });

  const wrap: Resilience['wrap'] = (inner, scope) =>
    createResilientClient(inner, {
      userKey: scope.userKey,
      cache,
      breaker: breakerFor(scope.baseUrl),
      retry,
      ...(scope.onResult === undefined ? {} : { onResult: scope.onResult }),
      ...(scope.fresh === true ? { fresh: true } : {}),
    });

  return {
    limiter,
    commands,
    cache,
    retry,
    breakerFor,
    fetchFor,
    wrap,
    clientFor: ({ fetch, getToken, maxPages, ...scope }) =>
      wrap(
        createDefenderClient({
          baseUrl: scope.baseUrl,
          fetch: fetchFor(fetch, scope),
          getToken,
          // The limited fetch times each exchange from when it leaves the queue; a second timer would race it.
          timeoutMs: 'none',
          ...(maxPages === undefined ? {} : { maxPages }),
        }),
        scope,
      ),
    close: async () => {
      await limiter.close();
      // Releases still waiting for a take to carry them (shared-budget.ts): sent before the connection closes.
      await sharedBudget?.flush();
    },
  };
}

/** The limiter of one replica among several: the budget on Redis, the local gates its share while Redis is away. */
function sharedLimiter(
  budget: ConstructorParameters<typeof BudgetLimiter>[0] & object,
  expectedReplicas: number,
  redis: NonNullable<SharedState['redis']>,
  requestTimeoutMs: number,
): { limiter: BudgetLimiter; sharedBudget: SharedBudget } {
  // Only for its limits (effective, per person): the same arithmetic as the limiter's own.
  const probe = new BudgetLimiter(budget);
  const shared = new SharedBudget(
    redis.connection.client,
    redis.health,
    { tenant: probe.limits, person: budget.perUserShare === 1 ? undefined : probe.personalLimits },
    // An unanswered call counts as in flight at most this long: its exchange (a later try's, the longest) is over by then.
    requestTimeoutMs * 4 + 5_000,
  );
  return { limiter: new BudgetLimiter({ ...budget, shared: { budget: shared, expectedReplicas } }), sharedBudget: shared };
}

/** Origin plus path without trailing slashes: one breaker per API, however the URL was spelled. */
function normalizedBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
