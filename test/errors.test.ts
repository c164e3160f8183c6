// One error family: every failure a caller must tell apart is a BotError with a code from one list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CardTooLargeError } from '../src/cards';
import { ConfigError } from '../src/config';
import { DefenderError } from '../src/defender/errors';
import { type BotError, CredentialError, ERROR_CODES, isBotError, TimeoutError } from '../src/errors';
import { ConnectorDeliveryError } from '../src/teams/connector-transport';
import { TOKEN_ERROR_CODES, TokenError } from '../src/tokens/token-error';

test('every error of the bot is a BotError with a code from the one vocabulary, its own name, and its cause', () => {
  const cause = new Error('underneath');
  const errors: BotError[] = [
    new DefenderError('throttled', '429', { retryAfterSeconds: 7, correlationId: 'c-1', status: 429, cause }),
    new TokenError('consentRequired', 'AADSTS65001', {
      userReason: 'consent',
      cause: { name: 'AuthenticationError', message: 'x', correlationId: 'e-1' },
    }),
    new ConnectorDeliveryError('connectionLost', 'reset', { attempts: 1, cause }),
    new ConfigError(['PORT is not a port']),
    new CardTooLargeError(90_000),
    new CredentialError('misconfigured', 'no secret'),
    new TimeoutError('slow'),
  ];
  assert.deepEqual(
    errors.map((e) => [e.name, e.code]),
    [
      ['DefenderError', 'throttled'],
      ['TokenError', 'consentRequired'],
      ['ConnectorDeliveryError', 'connectionLost'],
      ['ConfigError', 'configInvalid'],
      ['CardTooLargeError', 'cardTooLarge'],
      ['CredentialError', 'misconfigured'],
      ['TimeoutError', 'timeout'],
    ],
  );
  for (const e of errors) {
    assert.ok(isBotError(e) && e instanceof Error, e.name);
    assert.ok((ERROR_CODES as readonly string[]).includes(e.code), e.code);
  }
  assert.equal(errors[0]?.cause, cause);
});

test('correlation id and retry time live on the base, whichever service set them', () => {
  const defender = new DefenderError('throttled', '429', { retryAfterSeconds: 7, correlationId: 'c-1' });
  assert.deepEqual([defender.correlationId, defender.retryAfterSeconds, defender.status], ['c-1', 7, undefined]);
  const token = new TokenError('identityUnavailable', '503', {
    userReason: 'later',
    cause: { name: 'E', message: 'm', correlationId: 'e-2', aadstsCode: 90033 },
  });
  assert.deepEqual([token.correlationId, token.aadstsCode, token.retryAfterSeconds], ['e-2', 90033, undefined]);
});

test('the sign-in codes are part of the one vocabulary', () => {
  for (const code of TOKEN_ERROR_CODES) assert.ok((ERROR_CODES as readonly string[]).includes(code), code);
  assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length, 'no code listed twice');
});
