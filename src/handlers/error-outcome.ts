// Maps the Defender client's one error type onto what the user is told. `notFound` depends on what was asked.
import { isDefenderError } from '../defender/errors';
import type { ErrorOutcome } from './outcome';

export function defenderErrorOutcome(e: unknown, notFound: ErrorOutcome): ErrorOutcome | undefined {
  if (!isDefenderError(e)) return undefined;
  const ref = e.correlationId === undefined ? {} : { correlationId: e.correlationId };
  switch (e.code) {
    case 'notFound':
      return notFound;
    case 'unauthorized':
      return { kind: 'unauthorized', ...ref };
    case 'forbidden':
      return { kind: 'forbidden', ...ref };
    case 'throttled':
      return { kind: 'throttled', ...ref, ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }) };
    case 'personalShareUsed':
      return { kind: 'personalLimit', limit: 'defenderShare', ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }) };
    case 'unreachable':
      // With a retry time it is the circuit breaker failing fast; the card says when to retry.
      return { kind: 'unavailable', reason: e.code, ...ref, ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }) };
    case 'timeout':
    case 'serverError':
    case 'badRequest':
      return { kind: 'unavailable', reason: e.code, ...ref };
    case 'invalidResponse':
    case 'tooManyPages':
      return { kind: 'unavailable', reason: 'invalidResponse', ...ref };
  }
}
