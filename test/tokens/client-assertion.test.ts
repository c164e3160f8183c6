import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TokenCredential } from '@azure/identity';
import { CredentialError } from '../../src/errors';
import { assertionFromCredential, TOKEN_EXCHANGE_AUDIENCES } from '../../src/tokens/client-assertion';

test("the assertion is the credential's token for the token-exchange audience", async () => {
  const scopes: unknown[] = [];
  const credential: TokenCredential = {
    getToken: async (scope) => {
      scopes.push(scope);
      return { token: 'mi-token', expiresOnTimestamp: Date.now() + 60_000 };
    },
  };
  assert.equal(await assertionFromCredential(credential, TOKEN_EXCHANGE_AUDIENCES.usGovernment)(), 'mi-token');
  assert.deepEqual(scopes, ['api://AzureADTokenExchangeUSGov/.default']);
});

test('a credential that gives no token is identityUnavailable, not a plain Error', async () => {
  const credential: TokenCredential = { getToken: async () => null };
  await assert.rejects(
    assertionFromCredential(credential)(),
    (e: unknown) => e instanceof CredentialError && e.code === 'identityUnavailable',
  );
});
