// Time as the resilience layer sees it: a reading in milliseconds and a one-shot timer on the same
// scale. Injected everywhere so tests can let a minute (or an hour) pass without waiting for it, or
// run the whole stack on a compressed clock shared with the simulated tenant.

export interface Clock {
  /** Milliseconds on this clock's scale (Date.now() for the system clock). */
  now(): number;
  /** Calls `callback` once, `ms` of this clock's milliseconds from now; returns a function that cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

/** setTimeout's own ceiling (~24.8 days); longer waits are re-armed by their callers' re-checks. */
const MAX_TIMER_MS = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => {
    const timer = setTimeout(callback, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    return () => clearTimeout(timer);
  },
};

/** Resolves after `ms` on `clock`. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimer(resolve, ms);
  });
}
