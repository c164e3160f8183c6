// The FetchLike a person's Defender client is built with: every HTTP request (each page of a list,
// both halves of a host lookup) waits for the shared budget and its owner's turn, gets its own
// timeout once it is actually sent, and a 429 pauses that endpoint for everyone and is sent again
// after the pause, so the analyst gets the answer rather than "throttled".
//
// The exchange timeout lives here, not in the client, because only here do we know when a request
// stopped queueing; the client built on this fetch has no timeout of its own (timeoutMs 'none'):
// the queue is bounded by maxWaitMs, each exchange by requestTimeoutMs, re-sends by maxThrottleRetries.
import { DefenderError, type FetchLike } from '../defender';
import type { BudgetLimiter } from './budget-limiter';
import { systemClock, type Clock } from './clock';
import { startTimeout, untilAborted } from '../shared/timeout';
import { endpointKeyOfUrl, OTHER_ENDPOINT } from './endpoint-key';
import { retryAfterSeconds } from './retry-after';
import { currentAttempt } from './retry';

/** The exchange timeout of try number `attempt`: the first's, doubled per later try, capped. */
export function exchangeTimeoutMs(firstMs: number, maxMs: number, attempt: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1));
}

export interface LimitedFetchOptions {
  limiter: BudgetLimiter;
  /** Who is asking (see user-key.ts); never derived from the token. */
  userKey: string;
  /** The API base URL the client was given; its path is stripped before matching endpoints. */
  baseUrl: string;
  /** Per HTTP exchange, from sending to the end of the body, on a command's first try (default 10 s); doubled for each later try (currentAttempt()). */
  requestTimeoutMs?: number;
  /** The longest a later try's exchange may take (default 4 × requestTimeoutMs: 10, 20, 40 s). */
  maxRequestTimeoutMs?: number;
  /** Longest a request may wait for budget and 429 pauses in total before it fails `throttled` (default 120 s: a whole minute's overflow still gets through). */
  maxWaitMs?: number;
  /** How many times one request is sent again after a 429 (default 3). */
  maxThrottleRetries?: number;
  /** Pause when a 429 carries no readable Retry-After (default 5 s). */
  defaultRetryAfterMs?: number;
  clock?: Clock;
}

export const LIMITED_FETCH_DEFAULTS = {
  requestTimeoutMs: 10_000,
  maxWaitMs: 120_000,
  maxThrottleRetries: 3,
  defaultRetryAfterMs: 5_000,
} as const;

type Reply = Awaited<ReturnType<FetchLike>>;

export function limitedFetch(fetch: FetchLike, options: LimitedFetchOptions): FetchLike {
  const clock = options.clock ?? systemClock;
  const requestTimeoutMs = options.requestTimeoutMs ?? LIMITED_FETCH_DEFAULTS.requestTimeoutMs;
  const maxRequestTimeoutMs = options.maxRequestTimeoutMs ?? requestTimeoutMs * 4;
  const maxWaitMs = options.maxWaitMs ?? LIMITED_FETCH_DEFAULTS.maxWaitMs;
  const maxThrottleRetries = options.maxThrottleRetries ?? LIMITED_FETCH_DEFAULTS.maxThrottleRetries;
  const defaultRetryAfterMs = options.defaultRetryAfterMs ?? LIMITED_FETCH_DEFAULTS.defaultRetryAfterMs;
  const basePath = new URL(options.baseUrl).pathname;

  return async (url, init) => {
    const endpoint = endpointKeyOfUrl(url, basePath) ?? OTHER_ENDPOINT;
    const label = `${init.method} ${pathOf(url)}`;
    const deadline = clock.now() + maxWaitMs;
    // A slow answer is not re-sent at the same timeout: each later try of the command waits twice as long.
    const timeoutMs = exchangeTimeoutMs(requestTimeoutMs, maxRequestTimeoutMs, currentAttempt());
    for (let attempt = 0; ; attempt++) {
      let until = 0;
      const reply = await options.limiter.run(
        {
          endpoint,
          userKey: options.userKey,
          deadline,
          retry: attempt > 0,
          label,
          ...(init.signal === undefined ? {} : { signal: init.signal }),
        },
        async () => {
          const answer = await exchange(fetch, url, init, { clock, timeoutMs, label });
          if (answer.status === 429) {
            const seconds = retryAfterSeconds(answer.headers.get('retry-after'));
            until = clock.now() + (seconds === undefined ? defaultRetryAfterMs : seconds * 1000);
            // Here, before the limiter gives this call's slot back: this person's next call, which may
            // be waiting for that slot and resumes at once when it is freed, must find the endpoint
            // paused, not be sent into the same 429.
            options.limiter.pause(endpoint, until);
          }
          return answer;
        },
      );
      if (reply.status !== 429) return reply;
      // Too long to hold the analyst (or tried enough): the client turns it into `throttled` with Retry-After.
      if (attempt >= maxThrottleRetries || until > deadline) return reply;
      await reply.text().catch(() => '');
    }
  };
}

/**
 * One HTTP exchange bounded by `timeoutMs`, the body read included, answered when the time is up
 * even if the fetch ignores its signal (so the person's slot in the limiter is given back). Resolves
 * once the headers are in: that is when the limiter may start counting the call's window (Defender has counted it).
 */
async function exchange(
  fetch: FetchLike,
  url: string,
  init: Parameters<FetchLike>[1],
  limits: { clock: Clock; timeoutMs: number; label: string },
): Promise<Reply> {
  const timeout = startTimeout(limits.timeoutMs, limits.clock);
  const signal = init.signal === undefined ? timeout.signal : AbortSignal.any([init.signal, timeout.signal]);
  const failure = (reason: unknown): unknown =>
    timeout.signal.aborted
      ? new DefenderError('timeout', `no answer from the Defender API within ${limits.timeoutMs} ms (${limits.label})`, {
          request: limits.label,
          waited: { seconds: limits.timeoutMs / 1000, tries: 1 },
        })
      : reason;
  let res: Reply;
  try {
    res = await untilAborted(fetch(url, { ...init, signal }), signal, failure);
  } catch (e) {
    timeout.cancel();
    throw e;
  }
  return {
    status: res.status,
    headers: res.headers,
    text: () => untilAborted(res.text(), signal, failure).finally(timeout.cancel),
  };
}

/** The path without host or query, for messages. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(unparseable URL)';
  }
}
