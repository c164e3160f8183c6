// REDIS_USE_ENTRA_ID: the connection signs in as the managed identity, user name = the token's object
// id, password = the token (how Azure Managed Redis takes Entra ID). A real redis-server with an ACL
// user stands in for the cache; the token credential is the only fake (Entra ID is out of reach).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TokenCredential } from '@azure/identity';
import { connectRedis } from '../../src/state/redis-connection';
import { startRedisServer, type RedisServer } from '../../scripts/rig/redis-server';

const OID = '7d3b1c52-0f6e-4a39-9d7e-2f0a6c1b8e44';
const token = (oid: string): string =>
  [
    { alg: 'none', typ: 'JWT' },
    { oid, aud: 'https://redis.azure.com' },
  ]
    .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
    .join('.') + '.sig';

let server: RedisServer;
before(async () => {
  server = await startRedisServer();
  assert.match(await server.command('ACL', 'SETUSER', OID, 'on', `>${token(OID)}`, '~*', '+@all'), /OK/);
  // Nobody else gets in: the default user is switched off, as on a cache with access keys disabled.
  assert.match(await server.command('ACL', 'SETUSER', 'default', 'off'), /OK/);
});
after(async () => {
  await server.stop();
});

const config = (url: string) => ({ url, useEntraId: true, keyPrefix: 'entra:', commandTimeoutMs: 500 });

test("with REDIS_USE_ENTRA_ID the bot signs in as the managed identity's object id with its token", async () => {
  const scopes: string[] = [];
  const credential: TokenCredential = {
    getToken: (scope) => {
      scopes.push(String(scope));
      return Promise.resolve({ token: token(OID), expiresOnTimestamp: Date.now() + 3_600_000 });
    },
  };
  const connection = await connectRedis(config(server.url), { credential });
  try {
    assert.deepEqual(scopes, ['https://redis.azure.com/.default']);
    assert.equal(await connection.client.call('ACL', 'WHOAMI'), OID);
    await connection.client.set('k', 'v', 'PX', 10_000);
    assert.equal(await connection.client.get('k'), 'v');
  } finally {
    await connection.close();
  }
});

test('a token for another identity does not get in (the replica starts degraded); one without an object id is refused at start', async () => {
  const credential: TokenCredential = {
    getToken: () => Promise.resolve({ token: token('00000000-0000-4000-8000-000000000000'), expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  const connection = await connectRedis(config(server.url), { credential });
  try {
    assert.notEqual(connection.client.status, 'ready');
  } finally {
    await connection.close();
  }
  const noOid: TokenCredential = { getToken: () => Promise.resolve({ token: 'not-a-jwt', expiresOnTimestamp: Date.now() + 3_600_000 }) };
  await assert.rejects(() => connectRedis(config(server.url), { credential: noOid }), /no object id \(oid\)/);
});
