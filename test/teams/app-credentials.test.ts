// The bot's own app token: failures a caller must tell apart are CredentialErrors with a code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialError } from '../../src/errors';
import { BotAppCredentialsFactory } from '../../src/teams/app-credentials';

const BOT_ID = '7f0c2b1e-3d4a-4b5c-8d9e-0a1b2c3d4e5f';
const LOGIN = 'https://login.microsoftonline.com/botframework.com';

test('credentials for another app id are refused as misconfigured, naming no secret', async () => {
  const factory = new BotAppCredentialsFactory({ id: BOT_ID, type: 'MultiTenant', password: 'the-secret' });
  await assert.rejects(factory.createCredentials('00000000-0000-4000-8000-000000000000', undefined, LOGIN, true), (e: unknown) => {
    assert.ok(e instanceof CredentialError, String(e));
    assert.equal(e.code, 'misconfigured');
    assert.doesNotMatch(e.message, /the-secret/);
    return true;
  });
});

test('a client-secret bot without its secret is misconfigured', async () => {
  const factory = new BotAppCredentialsFactory({ id: BOT_ID, type: 'SingleTenant', tenantId: BOT_ID });
  await assert.rejects(
    factory.createCredentials(BOT_ID, undefined, LOGIN, true),
    (e: unknown) => e instanceof CredentialError && e.code === 'misconfigured',
  );
});
