// The one way this bot gives up on something slow: a timeout is an AbortSignal (combined with a
// caller's signal by AbortSignal.any), the work is handed that signal, and the caller is answered
// when it fires even if the work ignores it (an SDK that drops the signal, a body that never ends).
// The work itself is left to finish; its late outcome is ignored.
//
// Not AbortSignal.timeout: its timer cannot be cleared once the work is done, and it is unref'd, so
// a process whose only pending thing is that wait exits instead of timing out.
import { systemClock, type Clock } from '../resilience/clock';
import { TimeoutError } from '../errors';

export interface Timeout {
  /** Aborts with a DOMException named TimeoutError when the time is up. */
  readonly signal: AbortSignal;
  /** Stops the timer once the work is done. */
  cancel(): void;
}

/** A timeout of `ms` on `clock`'s scale (real time unless a test or a compressed demo clock is given). */
export function startTimeout(ms: number, clock: Clock = systemClock): Timeout {
  const controller = new AbortController();
  const cancel = clock.setTimer(() => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms);
  return { signal: controller.signal, cancel };
}

/** `work`'s outcome, or a rejection with `onAbort(reason)` as soon as `signal` aborts. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort: (reason: unknown) => unknown): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(onAbort(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(onAbort(signal.reason));
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export interface WithTimeoutOptions {
  /** The caller's own signal: its abort ends the work too, rejecting with its reason. */
  signal?: AbortSignal;
  clock?: Clock;
}

/**
 * Runs `run` with a signal that aborts after `ms` (or with `options.signal`) and rejects with
 * `onTimeout()` when the time is up, whether or not `run` honours the signal.
 */
export async function withTimeout<T>(
  ms: number,
  run: (signal: AbortSignal) => Promise<T>,
  onTimeout: () => unknown,
  options: WithTimeoutOptions = {},
): Promise<T> {
  const timeout = startTimeout(ms, options.clock);
  const signal = options.signal === undefined ? timeout.signal : AbortSignal.any([options.signal, timeout.signal]);
  try {
    return await untilAborted(run(signal), signal, (reason) => (timeout.signal.aborted ? onTimeout() : reason));
  } finally {
    timeout.cancel();
  }
}

/** `work`'s result, or a TimeoutError naming `what` once `ms` have passed; for APIs that take no signal. */
export function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  return withTimeout(
    ms,
    () => work,
    () => new TimeoutError(`${what} did not answer within ${ms} ms`),
  );
}

/**
 * `work`'s value if it settles within `ms`, else undefined; the work keeps running (a reply deadline).
 * One plain timer: nothing here is aborted, so no AbortController or listener is made (this runs once per command).
 */
export function settledWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const deadline = setTimeout(() => resolve(undefined), ms);
    work.then(
      (value) => {
        clearTimeout(deadline);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(deadline);
        reject(e);
      },
    );
  });
}
