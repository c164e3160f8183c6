// How the Defender client's one error type becomes what the analyst is told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DefenderError } from '../../src/defender/errors';
import { errorOutcome } from '../../src/handlers/error-outcome';
import type { ErrorOutcome } from '../../src/handlers/outcome';

const notFound: ErrorOutcome = { kind: 'userNotFound', userName: 'user1' };

test('an open circuit breaker (unreachable with a retry time) keeps the time for the card', () => {
  const e = new DefenderError('unreachable', 'Defender is not answering; not calling it for 25 s', { retryAfterSeconds: 25 });
  assert.deepEqual(errorOutcome(e, notFound), { kind: 'unavailable', reason: 'unreachable', retryAfterSeconds: 25 });
});

test('a plain network failure has no retry time', () => {
  assert.deepEqual(errorOutcome(new DefenderError('unreachable', 'ECONNRESET'), notFound), { kind: 'unavailable', reason: 'unreachable' });
});

test('429 keeps Retry-After and the correlation id; 404 becomes what was asked about', () => {
  assert.deepEqual(errorOutcome(new DefenderError('throttled', '429', { retryAfterSeconds: 7, correlationId: 'c-1' }), notFound), { kind: 'throttled', correlationId: 'c-1', retryAfterSeconds: 7 });
  assert.deepEqual(errorOutcome(new DefenderError('notFound', '404'), notFound), notFound);
});

test('anything that is not a DefenderError is not mapped (it is a bug, answered as internal)', () => {
  assert.equal(errorOutcome(new TypeError('x is undefined'), notFound), undefined);
});
