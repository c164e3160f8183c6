// With JWT authentication, the alert endpoints need the delegated permission Alert.Read (or
// Alert.ReadWrite): a token consented for machines and logons only is refused with 403.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, test } from 'node:test';
import jwt from 'jsonwebtoken';
import { startSimulator, type SimulatorHandle } from '../../src/simulator';
import { DRIFTED_ALERT_ID, SEED_MACHINE_IDS } from '../../src/simulator/data/facts';
import { createJwtAuthenticator } from '../../src/simulator/jwt-auth';

const AUDIENCE = 'https://api.securitycenter.microsoft.com';
const OID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = publicKey.export({ format: 'jwk' });

let sim: SimulatorHandle;
before(async () => {
  const jwks = { keys: [{ kty: 'RSA', kid: 'k1', use: 'sig', n: String(jwk.n), e: String(jwk.e) }] };
  sim = await startSimulator({ authenticate: createJwtAuthenticator({ jwks, users: { [OID]: 'soc-lead' } }) });
});
after(() => sim.close());

function token(scp: string): string {
  return jwt.sign({ aud: AUDIENCE, oid: OID, scp }, privateKey, { algorithm: 'RS256', keyid: 'k1', expiresIn: 600 });
}

async function status(path: string, scp: string): Promise<number> {
  const res = await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token(scp)}` } });
  await res.text();
  return res.status;
}

const ALERT_PATHS = [`/api/machines/${SEED_MACHINE_IDS.mymachine1}/alerts`, '/api/users/user1/alerts', `/api/alerts/${DRIFTED_ALERT_ID}`];

test('machine and logon permissions do not open the alert endpoints', async () => {
  for (const path of ALERT_PATHS) assert.equal(await status(path, 'Machine.Read User.Read.All'), 403, path);
  assert.equal(await status(`/api/machines/${SEED_MACHINE_IDS.mymachine1}`, 'Machine.Read User.Read.All'), 200);
});

test('Alert.Read or Alert.ReadWrite opens them, and only them', async () => {
  for (const path of ALERT_PATHS) {
    assert.equal(await status(path, 'Alert.Read'), 200, path);
    assert.equal(await status(path, 'Alert.ReadWrite'), 200, path);
  }
  assert.equal(await status(`/api/machines/${SEED_MACHINE_IDS.mymachine1}`, 'Alert.Read'), 403);
  assert.equal(await status(`/api/machines/${SEED_MACHINE_IDS.mymachine1}/logonusers`, 'Alert.Read'), 403);
});
