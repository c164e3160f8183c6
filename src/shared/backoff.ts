// The one backoff between tries of the same request (Defender GETs, replies the connector refused).
// "Equal jitter": half the exponential step for sure, the other half random — retries spread out
// (no thundering herd after an outage) yet always back off, and never wait longer than the cap.

export interface Backoff {
  /** The step before the first retry, doubled for each next one ... */
  baseDelayMs: number;
  /** ... up to this. */
  maxDelayMs: number;
  /** [0, 1); injectable so tests can pin the jitter. Default Math.random. */
  random?: () => number;
}

/** Milliseconds to wait before retry number `retry` (counting from 1). */
export function backoffDelayMs(retry: number, backoff: Backoff): number {
  const step = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (backoff.random ?? Math.random)() * (step / 2));
}
