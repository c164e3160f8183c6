// Resilience around the Defender client: a shared per-endpoint budget with fairness between
// analysts, per-person answer cache with coalescing, retries and a circuit breaker. See ./README.md.
export { createResilience, RESILIENCE_DEFAULTS, type Resilience, type ResilienceOptions, type ClientScope } from './resilience';
export {
  createResilientClient,
  type ResilientClientDeps,
  type ResilientDefenderClient,
  type ResultMeta,
  type DefenderMethod,
} from './resilient-client';
export {
  BudgetLimiter,
  DEFAULT_BUDGET,
  effectiveLimits,
  type BudgetLimiterOptions,
  type LimitedCall,
  type EffectiveLimits,
} from './budget-limiter';
export { SlidingWindowGate, type WindowLimit, type Permit, type AcquireOptions, type LaneUsage } from './sliding-window';
export { limitedFetch, LIMITED_FETCH_DEFAULTS, type LimitedFetchOptions } from './limited-fetch';
export {
  ResultCache,
  resultKey,
  RESULT_CACHE_DEFAULTS,
  type ResultCacheOptions,
  type Fetched,
  type ResultSource,
  type KeyPart,
} from './result-cache';
export { RetryPolicy, isTransient, RETRY_DEFAULTS, type RetryOptions } from './retry';
export { CircuitBreaker, CIRCUIT_BREAKER_DEFAULTS, type CircuitBreakerOptions, type BreakerState } from './circuit-breaker';
export { ENDPOINT_KEYS, OTHER_ENDPOINT, endpointKeyOfUrl, endpointKeyOfPath, type EndpointKey } from './endpoint-key';
export { systemClock, sleep, type Clock } from './clock';
export { retryAfterSeconds } from './retry-after';
export { userKeyOf } from './user-key';
export { CommandRate, type CommandRefusal } from './command-rate';
