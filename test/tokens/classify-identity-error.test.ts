// Mapping what @azure/identity throws onto TokenError codes, with messages that name the fix and
// carry no token. The shapes below are the SDK's: AuthenticationRequiredError wraps MSAL server
// errors in its message; AuthenticationError carries `errorResponse`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyIdentityError, type ExchangeContext } from '../../src/tokens/classify-identity-error';

const ctx: ExchangeContext = {
  clientId: '0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b',
  tenantId: '8f2c1e4a-3b5d-4c6e-9f70-1a2b3c4d5e6f',
  audience: 'https://api.securitycenter.microsoft.com',
  permissions: ['Machine.Read', 'User.Read.All'],
  authorityHost: 'https://login.microsoftonline.com',
};
const CORRELATION = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const FAKE_JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJhYmMiLCJzY3AiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name }, extra);
}

function msalMessage(error: string, code: number, description: string): string {
  return `${error}: Error(s): ${code} - Timestamp: 2026-01-01 00:00:00Z - Description: AADSTS${code}: ${description}\r\nTrace ID: 11111111-2222-4333-8444-555555555555\r\nCorrelation ID: ${CORRELATION} - Correlation ID: ${CORRELATION}`;
}

const cases: Array<[string, Error, string, number | undefined]> = [
  [
    'consent missing (AADSTS65001)',
    sdkError(
      'AuthenticationRequiredError',
      `invalid_grant: AADSTS65001: The user or administrator has not consented. Correlation ID: ${CORRELATION}`,
    ),
    'consentRequired',
    65001,
  ],
  [
    'audience mismatch (AADSTS50013)',
    sdkError('AuthenticationRequiredError', msalMessage('invalid_grant', 50013, 'Assertion audience does not match.')),
    'invalidAssertion',
    50013,
  ],
  [
    'expired assertion (AADSTS500133)',
    sdkError('AuthenticationRequiredError', msalMessage('invalid_grant', 500133, 'Assertion is not within its valid time range.')),
    'assertionExpired',
    500133,
  ],
  [
    'MFA required (AADSTS50076)',
    sdkError('AuthenticationRequiredError', msalMessage('invalid_grant', 50076, 'you must use multi-factor authentication.')),
    'interactionRequired',
    50076,
  ],
  [
    'wrong secret (AADSTS7000215)',
    sdkError('AuthenticationRequiredError', msalMessage('invalid_client', 7000215, 'Invalid client secret provided.')),
    'misconfigured',
    7000215,
  ],
  [
    'expired secret via AuthenticationError.errorResponse (AADSTS7000222)',
    sdkError('AuthenticationError', 'invalid_client Status code: 401', {
      statusCode: 401,
      errorResponse: {
        error: 'invalid_client',
        errorDescription: 'AADSTS7000222: The provided client secret keys are expired.',
        errorCodes: [7000222],
        correlationId: CORRELATION,
      },
    }),
    'misconfigured',
    7000222,
  ],
  [
    'Defender not in the tenant (AADSTS500011)',
    sdkError('AuthenticationRequiredError', msalMessage('invalid_resource', 500011, 'The resource principal was not found.')),
    'misconfigured',
    500011,
  ],
  [
    'Entra busy (AADSTS90033)',
    sdkError('AuthenticationRequiredError', msalMessage('temporarily_unavailable', 90033, 'The service is temporarily unavailable.')),
    'identityUnavailable',
    90033,
  ],
  [
    'metadata unreachable',
    sdkError(
      'CredentialUnavailableError',
      'endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details',
    ),
    'identityUnavailable',
    undefined,
  ],
  [
    'network failure during the exchange',
    sdkError('AuthenticationRequiredError', 'network_error: Network request failed'),
    'identityUnavailable',
    undefined,
  ],
  ['an abort', sdkError('AbortError', 'The operation was aborted.'), 'identityUnavailable', undefined],
  ['something unknown', new TypeError('x is not a function'), 'identityUnavailable', undefined],
];

for (const [what, error, code, aadsts] of cases) {
  test(`${what} → ${code}`, () => {
    const e = classifyIdentityError(error, ctx);
    assert.equal(e.code, code);
    assert.equal(e.aadstsCode, aadsts);
    assert.ok(e.userReason.length > 0);
  });
}

test('the consent error names the admin, the app and the Defender permissions', () => {
  const e = classifyIdentityError(sdkError('AuthenticationRequiredError', 'invalid_grant: AADSTS65001: not consented'), ctx);
  assert.match(e.message, /Entra administrator must grant admin consent/);
  assert.match(e.message, /WindowsDefenderATP/);
  assert.match(e.message, /Machine\.Read, User\.Read\.All/);
  assert.ok(e.message.includes(ctx.clientId));
  assert.match(e.userReason, /administrator/);
});

test('Entra’s correlation id is kept for support', () => {
  const e = classifyIdentityError(sdkError('AuthenticationRequiredError', msalMessage('invalid_grant', 50013, 'x')), ctx);
  assert.equal(e.correlationId, CORRELATION);
  assert.ok(e.message.includes(CORRELATION));
});

test('a token inside the SDK’s message reaches neither the message nor the cause', () => {
  const leaky = Object.assign(sdkError('AuthenticationRequiredError', `invalid_grant: AADSTS50013: bad assertion ${FAKE_JWT}`), {
    request: { body: `assertion=${FAKE_JWT}` },
  });
  const e = classifyIdentityError(leaky, ctx);
  const everything = [e.message, e.userReason, String(e.stack), JSON.stringify(e), JSON.stringify(e.cause)].join('\n');
  assert.ok(!everything.includes(FAKE_JWT));
  assert.ok(!everything.includes('assertion='), 'the SDK error object (with its request) is not kept');
});
