// The simulated Defender tenant with JWT authentication: who gets 401, who gets 403, and that the
// token's user decides which device groups are visible.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentityProvider, IdpUser } from '../../scripts/rig/identity-provider';
import type { SimulatorHandle } from '../../src/simulator';
import { createJwtAuthenticator } from '../../src/simulator/jwt-auth';
import { ANALYST_A, ANALYST_B, BOT_APP_ID, DEFENDER_AUDIENCE, USER_PERSONAS, startTestIdp } from '../../scripts/rig/identity/fixtures';
import { callApi, errorCode, groupNames, startJwtSimulator } from '../../scripts/rig/identity/simulator';

let idp: IdentityProvider;
let sim: SimulatorHandle;

before(async () => {
  idp = await startTestIdp();
  sim = await startJwtSimulator(idp);
});

after(async () => {
  await sim.close();
  await idp.close();
});

function accessToken(
  user: IdpUser,
  o: { scp?: string; audience?: string; expiresInSeconds?: number; signWith?: 'idp' | 'unknownKey' } = {},
): string {
  return idp.mintAccessToken(user, {
    clientId: BOT_APP_ID,
    ...o,
    audience: o.audience ?? DEFENDER_AUDIENCE,
    scp: o.scp ?? 'Machine.Read User.Read.All',
  });
}

describe('refused tokens', () => {
  const cases: Array<[string, () => string | undefined, number, string]> = [
    ['no token', () => undefined, 401, 'Unauthorized'],
    ['a token signed by an unknown key', () => accessToken(ANALYST_A, { signWith: 'unknownKey' }), 401, 'Unauthorized'],
    ['an expired token', () => accessToken(ANALYST_A, { expiresInSeconds: -5 }), 401, 'Unauthorized'],
    ['a demo token', () => 'demo-analyst:soc-lead', 401, 'Unauthorized'],
    // Defender answers 403 for a token whose audience is not its own.
    ['a token for another audience', () => accessToken(ANALYST_A, { audience: 'https://graph.microsoft.com' }), 403, 'Forbidden'],
    ['a token without a Defender read permission', () => accessToken(ANALYST_A, { scp: 'Alert.Read' }), 403, 'Forbidden'],
    [
      'a valid token of a user with no Defender role',
      () => accessToken({ oid: 'ffffffff-0000-4000-8000-000000000000', upn: 'nobody@contoso.com' }),
      403,
      'Forbidden',
    ],
  ];
  for (const [what, token, status, code] of cases) {
    test(`${what} → ${status} ${code} in Defender's error envelope`, async () => {
      const r = await callApi(sim, '/api/machines', token());
      assert.equal(r.status, status);
      assert.equal(errorCode(r.body), code);
    });
  }

  test('the wrong-audience status can be set to 401', () => {
    const auth = createJwtAuthenticator({ jwks: idp.jwks(), users: USER_PERSONAS, wrongAudienceStatus: 401 });
    const r = auth(`Bearer ${accessToken(ANALYST_A, { audience: 'https://graph.microsoft.com' })}`);
    assert.equal(r.ok ? 200 : r.status, 401);
  });
});

describe('accepted tokens', () => {
  test('analysts A and B see different device groups', async () => {
    const a = await callApi(sim, '/api/machines', accessToken(ANALYST_A));
    const b = await callApi(sim, '/api/machines', accessToken(ANALYST_B));
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.ok(groupNames(a.body).length > 0);
    assert.notDeepEqual(groupNames(a.body), groupNames(b.body));
    const analysts = sim.calls
      .entries()
      .slice(-2)
      .map((e) => e.analyst);
    assert.deepEqual(analysts, ['analyst-emea', 'analyst-us']);
  });

  test('users map by upn when the oid is not listed', () => {
    const auth = createJwtAuthenticator({ jwks: () => idp.jwks(), users: { 'Elena.Brandt@contoso.com': 'analyst-emea' } });
    const r = auth(`Bearer ${accessToken(ANALYST_A)}`);
    assert.equal(r.ok ? r.analyst.id : r.status, 'analyst-emea');
  });

  test('with the request path, the scope is checked per endpoint', () => {
    const auth = createJwtAuthenticator({ jwks: () => idp.jwks(), users: USER_PERSONAS });
    const machineOnly = `Bearer ${accessToken(ANALYST_A, { scp: 'Machine.Read' })}`;
    const userOnly = `Bearer ${accessToken(ANALYST_A, { scp: 'User.Read.All' })}`;
    const status = (h: string, path: string): number => {
      const r = auth(h, path);
      return r.ok ? 200 : r.status;
    };
    assert.equal(status(machineOnly, '/api/machines'), 200);
    assert.equal(status(machineOnly, '/api/machines/abc/logonusers'), 403);
    assert.equal(status(userOnly, '/api/machines/abc/logonusers'), 200);
    assert.equal(status(userOnly, '/api/users/elena/machines'), 403);
  });

  test('expiry follows the injected clock', () => {
    let now = Date.now();
    const auth = createJwtAuthenticator({ jwks: () => idp.jwks(), users: USER_PERSONAS, now: () => now });
    const header = `Bearer ${accessToken(ANALYST_A, { expiresInSeconds: 60 })}`;
    assert.equal(auth(header).ok, true);
    now += 61_000;
    const r = auth(header);
    assert.equal(r.ok ? 200 : r.status, 401);
  });
});
