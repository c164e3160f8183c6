// A sign-in or identity failure is not a bug: runCommand turns each TokenError code and each
// signInRequired answer into the error kind whose card says who can fix it, never "internal".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand, type HandlerDeps } from '../../src/handlers/run-command';
import type { ErrorOutcome, Outcome } from '../../src/handlers/outcome';
import { TOKEN_ERROR_CODES, TokenError, type TokenErrorCode } from '../../src/tokens/token-error';
import type { DefenderClient } from '../../src/defender/client-types';
import type { Requester, TokenProvider, TokenResult } from '../../src/tokens/types';

const requester: Requester = { teamsUserId: '29:a', aadObjectId: 'a1a1a1a1-0000-4000-8000-00000000000a' };
const command = { kind: 'machinesForUser', user: { kind: 'userName', name: 'user1' }, page: 1 } as const;

function deps(
  tokens: TokenProvider,
  extra: Partial<HandlerDeps> = {},
): { deps: HandlerDeps; internal: unknown[]; defenderCalls: () => number } {
  const internal: unknown[] = [];
  let calls = 0;
  const client = new Proxy(
    {},
    {
      get: () => async () => {
        calls++;
        return [];
      },
    },
  ) as DefenderClient;
  return {
    deps: {
      tokens,
      defenderFor: () => client,
      resolveMention: async () => undefined,
      now: () => new Date('2026-11-23T12:00:00Z'),
      reportInternalError: (_id, e) => internal.push(e),
      about: { version: '0.0.0', mode: 'production', cloud: 'Commercial' },
      recordFeedback: () => undefined,
      ...extra,
    },
    internal,
    defenderCalls: () => calls,
  };
}

function errorOf(outcome: Outcome): ErrorOutcome {
  assert.equal(outcome.kind, 'error');
  return outcome.kind === 'error' ? outcome.error : { kind: 'internal', referenceId: '' };
}

function throwing(code: TokenErrorCode): TokenProvider {
  return {
    getDefenderToken: async () => {
      throw new TokenError(code, `admin text for ${code}`, {
        userReason: `user text for ${code}`,
        cause: { name: 'AuthenticationError', message: 'x', aadstsCode: 50013, correlationId: 'corr-1' },
      });
    },
  };
}

const EXPECTED: Record<TokenErrorCode, ErrorOutcome['kind']> = {
  consentRequired: 'consentRequired',
  invalidAssertion: 'signInMisconfigured',
  assertionExpired: 'signInRequired',
  interactionRequired: 'signInRequired',
  identityUnavailable: 'identityUnavailable',
  misconfigured: 'signInMisconfigured',
};

for (const code of TOKEN_ERROR_CODES) {
  test(`a thrown TokenError ${code} becomes ${EXPECTED[code]}, not internal, and calls no Defender API`, async () => {
    const d = deps(throwing(code));
    const error = errorOf(await runCommand(command, requester, d.deps));
    assert.equal(error.kind, EXPECTED[code]);
    assert.deepEqual(d.internal, [], 'not reported as a bug');
    assert.equal(d.defenderCalls(), 0);
    if (error.kind === 'signInMisconfigured') {
      assert.equal(error.aadstsCode, 50013);
      assert.equal(error.correlationId, 'corr-1');
      assert.equal(error.reason, `user text for ${code}`);
    }
    if (error.kind === 'signInRequired') assert.equal(error.code, code);
  });
}

test('signInRequired answers keep their reason: consent becomes consentRequired, the rest a sign-in prompt with the code', async () => {
  const answering = (r: TokenResult): TokenProvider => ({ getDefenderToken: async () => r });
  assert.deepEqual(
    errorOf(
      await runCommand(
        command,
        requester,
        deps(answering({ kind: 'signInRequired', reason: 'ask an admin', code: 'consentRequired' })).deps,
      ),
    ),
    { kind: 'consentRequired', reason: 'ask an admin' },
  );
  assert.deepEqual(
    errorOf(
      await runCommand(command, requester, deps(answering({ kind: 'signInRequired', reason: 'expired', code: 'assertionExpired' })).deps),
    ),
    { kind: 'signInRequired', reason: 'expired', code: 'assertionExpired' },
  );
  assert.deepEqual(errorOf(await runCommand(command, requester, deps(answering({ kind: 'signInRequired', reason: 'none' })).deps)), {
    kind: 'signInRequired',
    reason: 'none',
  });
});

test('any other exception is still a bug with a reference', async () => {
  const d = deps({
    getDefenderToken: async () => {
      throw new TypeError('boom');
    },
  });
  assert.equal(errorOf(await runCommand(command, requester, d.deps)).kind, 'internal');
  assert.equal(d.internal.length, 1);
});

test('sign out calls the sign-out dependency for the asker; without one (the demo) there is nothing to sign out of', async () => {
  const signedOut: Requester[] = [];
  const tokens: TokenProvider = { getDefenderToken: async () => ({ kind: 'token', token: 't' }) };
  assert.deepEqual(
    await runCommand(
      { kind: 'signOut' },
      requester,
      deps(tokens, {
        signOut: async (r) => {
          signedOut.push(r);
        },
      }).deps,
    ),
    { kind: 'signedOut', hadSignIn: true },
  );
  assert.deepEqual(signedOut, [requester]);
  assert.deepEqual(await runCommand({ kind: 'signOut' }, requester, deps(tokens).deps), { kind: 'signedOut', hadSignIn: false });
});
