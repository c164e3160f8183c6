// What the analyst is told when no Defender token can be had for them: a TokenError (thrown by the
// on-behalf-of provider) or a signInRequired answer becomes an ErrorOutcome that says who can fix
// it — the analyst by signing in, an admin by consenting or fixing the setup, or nobody (retry).
import { isTokenError } from '../tokens/token-error';
import type { TokenResult } from '../tokens/types';
import type { ErrorOutcome } from './outcome';

export function tokenErrorOutcome(e: unknown): ErrorOutcome | undefined {
  if (!isTokenError(e)) return undefined;
  const ref = e.correlationId === undefined ? {} : { correlationId: e.correlationId };
  switch (e.code) {
    case 'consentRequired':
      return { kind: 'consentRequired', reason: e.userReason, ...ref };
    case 'invalidAssertion':
    case 'misconfigured':
      return { kind: 'signInMisconfigured', reason: e.userReason, ...(e.aadstsCode === undefined ? {} : { aadstsCode: e.aadstsCode }), ...ref };
    case 'identityUnavailable':
      return { kind: 'identityUnavailable', ...ref };
    case 'assertionExpired':
    case 'interactionRequired':
      return { kind: 'signInRequired', reason: e.userReason, code: e.code };
  }
}

export function signInOutcome(result: Extract<TokenResult, { kind: 'signInRequired' }>): ErrorOutcome {
  if (result.code === 'consentRequired') return { kind: 'consentRequired', reason: result.reason };
  return { kind: 'signInRequired', reason: result.reason, ...(result.code === undefined ? {} : { code: result.code }) };
}
