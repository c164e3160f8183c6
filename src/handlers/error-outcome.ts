// The one mapping from a failure to what the analyst is told. A DefenderError says what Defender
// answered (`notFound` depends on what was asked); a TokenError or a signInRequired answer says who
// can fix the sign-in — the analyst by signing in, an admin by consenting or fixing the setup, or
// nobody (retry). Anything else is not an expected failure: the caller treats it as a bug.
import { DefenderError } from '../defender/errors';
import { TokenError } from '../tokens/token-error';
import type { TokenResult } from '../tokens/types';
import type { ErrorOutcome, Outcome } from './outcome';

/** `notFound`: what a Defender 404 means for this question; without it a 404 is not mapped. */
export function errorOutcome(e: unknown, notFound?: ErrorOutcome): ErrorOutcome | undefined {
  if (e instanceof DefenderError) return defenderOutcome(e, notFound);
  if (e instanceof TokenError) return tokenOutcome(e);
  return undefined;
}

/** The answer that says what went wrong. */
export function failed(error: ErrorOutcome): Outcome {
  return { kind: 'error', error };
}

/** `run`'s answer; Defender and token errors become error answers; anything else is a bug and propagates to runCommand. */
export async function answerOrError(notFound: ErrorOutcome, run: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await run();
  } catch (e) {
    const outcome = errorOutcome(e, notFound);
    if (outcome === undefined) throw e;
    return failed(outcome);
  }
}

export function signInOutcome(result: Extract<TokenResult, { kind: 'signInRequired' }>): ErrorOutcome {
  if (result.code === 'consentRequired') return { kind: 'consentRequired', reason: result.reason };
  return { kind: 'signInRequired', reason: result.reason, ...(result.code === undefined ? {} : { code: result.code }) };
}

function defenderOutcome(e: DefenderError, notFound: ErrorOutcome | undefined): ErrorOutcome | undefined {
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
      return {
        kind: 'personalLimit',
        limit: 'defenderShare',
        ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
      };
    case 'unreachable':
      // With a retry time it is the circuit breaker failing fast; the card says when to retry.
      return {
        kind: 'unavailable',
        reason: e.code,
        ...ref,
        ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
      };
    case 'timeout':
      return { kind: 'unavailable', reason: e.code, ...ref, ...(e.waited === undefined || e.waited.tries < 2 ? {} : { waited: e.waited }) };
    case 'serverError':
    case 'badRequest':
      return { kind: 'unavailable', reason: e.code, ...ref };
    case 'invalidResponse':
    case 'tooManyPages':
      return { kind: 'unavailable', reason: 'invalidResponse', ...ref };
  }
}

function tokenOutcome(e: TokenError): ErrorOutcome {
  const ref = e.correlationId === undefined ? {} : { correlationId: e.correlationId };
  switch (e.code) {
    case 'consentRequired':
      return { kind: 'consentRequired', reason: e.userReason, ...ref };
    case 'invalidAssertion':
    case 'misconfigured':
      return {
        kind: 'signInMisconfigured',
        reason: e.userReason,
        ...(e.aadstsCode === undefined ? {} : { aadstsCode: e.aadstsCode }),
        ...ref,
      };
    case 'identityUnavailable':
      return { kind: 'identityUnavailable', ...ref };
    case 'assertionExpired':
    case 'interactionRequired':
      return { kind: 'signInRequired', reason: e.userReason, code: e.code };
  }
}
