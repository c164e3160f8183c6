// The API's rate limit: 100 calls per minute and 1,500 per hour per endpoint, shared by the whole
// tenant (every analyst using the app). Sliding windows over the injected clock: a call counts
// against a window for exactly 60 s / 3600 s after it was accepted. Refused calls do not count.
import type { EndpointKey } from './endpoints';

export interface BudgetLimits {
  perMinute: number;
  perHour: number;
}

export const DEFAULT_LIMITS: BudgetLimits = { perMinute: 100, perHour: 1500 };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export type BudgetDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class Budget {
  private readonly accepted = new Map<EndpointKey, number[]>();

  constructor(
    private readonly limits: BudgetLimits,
    private readonly now: () => number,
  ) {}

  /** Records the call when the budget allows it; otherwise says when the next slot frees up. */
  tryConsume(endpoint: EndpointKey): BudgetDecision {
    const t = this.now();
    const calls = this.prune(endpoint, t);
    const wait = Math.max(waitFor(calls, t, MINUTE_MS, this.limits.perMinute), waitFor(calls, t, HOUR_MS, this.limits.perHour));
    if (wait > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    calls.push(t);
    return { ok: true };
  }

  /** Calls accepted within the last minute and hour. */
  usage(endpoint: EndpointKey): { lastMinute: number; lastHour: number } {
    const t = this.now();
    const calls = this.prune(endpoint, t);
    return { lastMinute: calls.filter((c) => c > t - MINUTE_MS).length, lastHour: calls.length };
  }

  reset(): void {
    this.accepted.clear();
  }

  private prune(endpoint: EndpointKey, t: number): number[] {
    const kept = (this.accepted.get(endpoint) ?? []).filter((c) => c > t - HOUR_MS && c <= t);
    this.accepted.set(endpoint, kept);
    return kept;
  }
}

/** Milliseconds until fewer than `limit` calls lie within the window ending now (0: a slot is free). */
function waitFor(calls: number[], t: number, windowMs: number, limit: number): number {
  const inWindow = calls.filter((c) => c > t - windowMs);
  if (inWindow.length < limit) return 0;
  if (limit <= 0) return windowMs;
  // The call whose expiry brings the count below the limit.
  const oldestBlocking = inWindow[inWindow.length - limit] ?? t;
  return oldestBlocking + windowMs - t;
}
