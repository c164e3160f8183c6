// The Defender budget, cache, retry and breaker settings (see src/resilience/README.md), read from
// the environment with the same all-problems-at-once validation as the rest of the config.
import type { ResilienceOptions } from '../resilience';

type Get = (key: string) => string | undefined;

interface NumberKey {
  key: string;
  option: keyof ResilienceOptions;
  /** Multiply the env value by this to get the option (seconds → ms). */
  scale: number;
  min: number;
  integer: boolean;
  maxExclusive?: number;
  max?: number;
}

const KEYS: readonly NumberKey[] = [
  { key: 'DEFENDER_RATE_PER_MINUTE', option: 'perMinute', scale: 1, min: 1, integer: true },
  { key: 'DEFENDER_RATE_PER_HOUR', option: 'perHour', scale: 1, min: 1, integer: true },
  { key: 'DEFENDER_RATE_SAFETY_MARGIN', option: 'safetyMargin', scale: 1, min: 0, integer: false, maxExclusive: 1 },
  { key: 'DEFENDER_PER_USER_CONCURRENCY', option: 'perUserConcurrency', scale: 1, min: 1, integer: true },
  { key: 'DEFENDER_PER_USER_SHARE_PERCENT', option: 'perUserShare', scale: 0.01, min: 1, integer: true, max: 100 },
  { key: 'COMMANDS_PER_USER_PER_MINUTE', option: 'commandsPerUserPerMinute', scale: 1, min: 1, integer: true },
  { key: 'DEFENDER_QUEUE_MAX_WAIT_SECONDS', option: 'maxQueueWaitMs', scale: 1000, min: 1, integer: true },
  { key: 'DEFENDER_REQUEST_TIMEOUT_SECONDS', option: 'requestTimeoutMs', scale: 1000, min: 1, integer: true },
  { key: 'DEFENDER_THROTTLE_RETRIES', option: 'maxThrottleRetries', scale: 1, min: 0, integer: true },
  { key: 'DEFENDER_RETRY_ATTEMPTS', option: 'retryAttempts', scale: 1, min: 1, integer: true },
  { key: 'DEFENDER_BREAKER_FAILURES', option: 'breakerFailureThreshold', scale: 1, min: 1, integer: true },
  { key: 'DEFENDER_BREAKER_COOLDOWN_SECONDS', option: 'breakerCoolDownMs', scale: 1000, min: 1, integer: true },
  { key: 'RESULT_CACHE_TTL_SECONDS', option: 'cacheTtlMs', scale: 1000, min: 0, integer: true },
  { key: 'RESULT_CACHE_MAX_ENTRIES', option: 'cacheMaxEntries', scale: 1, min: 1, integer: true },
];

export function resilienceFromEnv(get: Get, problems: string[]): ResilienceOptions {
  const options: Record<string, number> = {};
  for (const k of KEYS) {
    const raw = get(k.key);
    if (raw === undefined) continue;
    const n = Number(raw);
    const bad =
      !Number.isFinite(n) ||
      n < k.min ||
      (k.integer && !Number.isInteger(n)) ||
      (k.maxExclusive !== undefined && n >= k.maxExclusive) ||
      (k.max !== undefined && n > k.max);
    if (bad) {
      const range =
        k.maxExclusive !== undefined
          ? `from ${k.min} up to (not including) ${k.maxExclusive}`
          : k.max !== undefined
            ? `a whole number from ${k.min} to ${k.max}`
            : `${k.integer ? 'a whole number' : 'a number'} ≥ ${k.min}`;
      problems.push(`${k.key}="${raw}" must be ${range}.`);
      continue;
    }
    options[k.option] = n * k.scale;
  }
  return options as ResilienceOptions;
}
