// The HTTP transport under botbuilder's ConnectorClient (replies, proactive messages, roster) and
// its token-service client. botbuilder's default pipeline resends a POST on any 5xx, timeout or
// reset; for a reply that may already have reached the chat, that posts the card twice. Here a
// sending request (POST/PUT/PATCH) is retried only where it provably was not delivered: 429 (the
// connector refused it; waits for Retry-After) and a refused connection. Any other failure is thrown
// as a ConnectorDeliveryError, which the pipeline's retry policy does not retry. Reading requests
// (GET, DELETE) keep botbuilder's own retries: repeating them is harmless.
import { createHttpHeaders, RestError } from '@azure/core-rest-pipeline';
import { toHttpHeadersLike, type CompatResponse, type RequestPolicy, type WebResourceLike } from '@azure/core-http-compat';
import { BotError } from '../errors';
import { retryAfterSeconds } from '../resilience/retry-after';
import { backoffDelayMs } from '../shared/backoff';
import { HttpRequestError, httpExchange } from '../shared/http-client';
import { startTimeout } from '../shared/timeout';

export type ConnectorFailure = 'throttled' | 'serverError' | 'timeout' | 'connectionLost' | 'unreachable';

/** A reply or other sending request that failed and was not (or no longer) retried. Never carries headers or body. */
export class ConnectorDeliveryError extends BotError<ConnectorFailure> {
  readonly status?: number;
  readonly attempts: number;

  constructor(code: ConnectorFailure, message: string, details: { status?: number; attempts: number; cause?: unknown }) {
    super(code, message, { cause: details.cause });
    if (details.status !== undefined) this.status = details.status;
    this.attempts = details.attempts;
  }
}

export interface ConnectorRetryEvent {
  method: string;
  /** Path only: the host is the channel's, and query strings are not ours to log. */
  path: string;
  attempt: number;
  reason: 'throttled' | 'refused';
  delayMs: number;
}

export interface ConnectorTransportOptions {
  /** Per attempt; a reply not answered by then may have been delivered, so it is not resent. */
  timeoutMs: number;
  /** Attempts in all for a sending request that provably was not delivered (429, refused). */
  maxAttempts: number;
  /** Backoff without Retry-After (shared/backoff.ts): the step base × 2^(attempt-1), at most maxDelayMs, half of it jittered. */
  baseDelayMs: number;
  maxDelayMs: number;
  onRetry?: (event: ConnectorRetryEvent) => void;
  /** Tests: deterministic jitter and waits. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_CONNECTOR_TRANSPORT: ConnectorTransportOptions = {
  timeoutMs: 15_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

const SENDING = new Set(['POST', 'PUT', 'PATCH']);

export function connectorTransport(options: ConnectorTransportOptions = DEFAULT_CONNECTOR_TRANSPORT): RequestPolicy {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const backoff = (attempt: number): number =>
    backoffDelayMs(attempt, { baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs, random });

  return {
    async sendRequest(request: WebResourceLike): Promise<CompatResponse> {
      const method = request.method.toUpperCase();
      const path = new URL(request.url).pathname;
      if (!SENDING.has(method))
        return once(request, options.timeoutMs).catch((e: unknown) => {
          throw asRestError(e);
        });

      for (let attempt = 1; ; attempt++) {
        let response: CompatResponse;
        try {
          response = await once(request, options.timeoutMs);
        } catch (e) {
          const failure = networkFailure(e);
          if (failure === 'unreachable' && attempt < options.maxAttempts) {
            const delayMs = backoff(attempt);
            options.onRetry?.({ method, path, attempt, reason: 'refused', delayMs });
            await sleep(delayMs);
            continue;
          }
          throw new ConnectorDeliveryError(failure, `${method} ${path}: ${describe(failure)} after ${attempt} attempt(s)`, {
            attempts: attempt,
            cause: e,
          });
        }
        if (response.status === 429) {
          if (attempt >= options.maxAttempts) {
            throw new ConnectorDeliveryError('throttled', `${method} ${path}: still throttled (429) after ${attempt} attempts`, {
              status: 429,
              attempts: attempt,
            });
          }
          const asked = retryAfterSeconds(response.headers.get('retry-after') ?? null);
          const delayMs = asked === undefined ? backoff(attempt) : Math.min(asked * 1000, options.maxDelayMs);
          options.onRetry?.({ method, path, attempt, reason: 'throttled', delayMs });
          await sleep(delayMs);
          continue;
        }
        if (response.status >= 500) {
          // The connector may have posted the message before failing: resending could post it twice.
          throw new ConnectorDeliveryError(
            'serverError',
            `${method} ${path}: the connector answered ${response.status}; not resent, it may have been delivered`,
            { status: response.status, attempts: attempt },
          );
        }
        return response;
      }
    },
  };
}

async function once(request: WebResourceLike, timeoutMs: number): Promise<CompatResponse> {
  const raw: unknown = request.body;
  // botbuilder sends JSON text; anything else would be a new use we have not tested.
  if (raw !== undefined && raw !== null && typeof raw !== 'string')
    throw new TypeError(`connector transport: unsupported request body type ${typeof raw}`);
  const body = raw === null ? undefined : raw;
  const timeout = startTimeout(timeoutMs);
  const given = request.abortSignal as AbortSignal | undefined;
  try {
    const res = await httpExchange(request.url, {
      method: request.method,
      headers: request.headers.rawHeaders(),
      ...(body === undefined ? {} : { body }),
      signal: given === undefined ? timeout.signal : AbortSignal.any([timeout.signal, given]),
    });
    const bodyAsText = await res.text();
    return {
      request,
      status: res.status,
      headers: toHttpHeadersLike(createHttpHeaders(Object.fromEntries(res.headerEntries()))),
      bodyAsText,
    };
  } finally {
    timeout.cancel();
  }
}

/** What a failed exchange means for delivery: only a refused connection proves nothing was sent. */
function networkFailure(e: unknown): ConnectorFailure {
  if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) return 'timeout';
  const code = systemCode(e);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unreachable';
  return 'connectionLost';
}

function systemCode(e: unknown): string | undefined {
  const cause = e instanceof HttpRequestError ? e.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return undefined;
}

/** Reading requests: a RestError with the system code, so botbuilder's pipeline retries them as it would its own transport's. */
function asRestError(e: unknown): unknown {
  if (e instanceof DOMException && e.name === 'TimeoutError') return new RestError('connector request timed out', { code: 'ETIMEDOUT' });
  const code = systemCode(e);
  return code === undefined ? e : new RestError(`connector request failed (${code})`, { code });
}

function describe(failure: ConnectorFailure): string {
  switch (failure) {
    case 'timeout':
      return 'no answer in time; not resent, it may have been delivered';
    case 'connectionLost':
      return 'the connection broke; not resent, it may have been delivered';
    case 'unreachable':
      return 'the connector could not be reached';
    case 'throttled':
      return 'throttled';
    case 'serverError':
      return 'server error';
  }
}
