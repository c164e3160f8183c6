// How a failure (a Defender or a sign-in error) becomes what the analyst is told: one mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DefenderError } from '../../src/defender/errors';
import { errorOutcome } from '../../src/handlers/error-outcome';
import type { ErrorOutcome } from '../../src/handlers/outcome';
import { TokenError } from '../../src/tokens/token-error';

const notFound: ErrorOutcome = { kind: 'userNotFound', userName: 'user1' };

test('an open circuit breaker (unreachable with a retry time) keeps the time for the card', () => {
  const e = new DefenderError('unreachable', 'Defender is not answering; not calling it for 25 s', { retryAfterSeconds: 25 });
  assert.deepEqual(errorOutcome(e, notFound), { kind: 'unavailable', reason: 'unreachable', retryAfterSeconds: 25 });
});

test('a plain network failure has no retry time', () => {
  assert.deepEqual(errorOutcome(new DefenderError('unreachable', 'ECONNRESET'), notFound), { kind: 'unavailable', reason: 'unreachable' });
});

test('429 keeps Retry-After and the correlation id; 404 becomes what was asked about', () => {
  assert.deepEqual(errorOutcome(new DefenderError('throttled', '429', { retryAfterSeconds: 7, correlationId: 'c-1' }), notFound), {
    kind: 'throttled',
    correlationId: 'c-1',
    retryAfterSeconds: 7,
  });
  assert.deepEqual(errorOutcome(new DefenderError('notFound', '404'), notFound), notFound);
});

test('anything that is not a DefenderError is not mapped (it is a bug, answered as internal)', () => {
  assert.equal(errorOutcome(new TypeError('x is undefined'), notFound), undefined);
});

test("a sign-in failure maps by who can fix it, keeping Entra's correlation id and AADSTS code", () => {
  const cause = { name: 'AuthenticationError', message: 'AADSTS50013', aadstsCode: 50013, correlationId: 'e-1' };
  assert.deepEqual(errorOutcome(new TokenError('invalidAssertion', 'bad audience', { userReason: 'tell the admins', cause })), {
    kind: 'signInMisconfigured',
    reason: 'tell the admins',
    aadstsCode: 50013,
    correlationId: 'e-1',
  });
  assert.deepEqual(errorOutcome(new TokenError('assertionExpired', 'expired', { userReason: 'expired' })), {
    kind: 'signInRequired',
    reason: 'expired',
    code: 'assertionExpired',
  });
  assert.deepEqual(errorOutcome(new TokenError('identityUnavailable', '503', { userReason: 'later' })), { kind: 'identityUnavailable' });
});

test('a Defender 404 is mapped only where the question says what it means', () => {
  assert.equal(errorOutcome(new DefenderError('notFound', '404')), undefined);
});
