// The on-behalf-of provider end to end: real @azure/identity (in a child process that trusts the
// local IdP's CA) against the local identity provider, and the Defender token checked by the
// simulated tenant's jwt-auth.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generate } from 'selfsigned';
import { decodeJwt, type IdentityProvider } from '../../scripts/rig/identity-provider';
import type { SimulatorHandle } from '../../src/simulator';
import {
  ADMIN_CONSENT,
  ANALYST_A,
  ANALYST_B,
  ANALYST_C,
  BOT_APP_ID,
  BOT_SECRET,
  DEFENDER_AUDIENCE,
  MANAGED_IDENTITY_OID,
  requesterFor,
  startTestIdp,
} from '../../scripts/rig/identity/fixtures';
import { jwtShapedStrings } from '../helpers/identity/jwt-scan';
import { startOboChild, type OboChild } from '../helpers/identity/obo-child-client';
import type { ChildProviderOptions, GetOutcome } from '../helpers/identity/obo-protocol';
import { callApi, groupNames, startJwtSimulator } from '../../scripts/rig/identity/simulator';

let idp: IdentityProvider;
let sim: SimulatorHandle;
let child: OboChild;
let certificatePath: string;
let providerCount = 0;

before(async () => {
  const cert = await generate([{ name: 'commonName', value: 'mde-chatops bot' }], { algorithm: 'sha256', keySize: 2048 });
  certificatePath = join(mkdtempSync(join(tmpdir(), 'obo-cert-')), 'bot.pem');
  writeFileSync(certificatePath, `${cert.private}${cert.cert}`);
  idp = await startTestIdp();
  idp.registerClient({ clientId: BOT_APP_ID, secrets: [BOT_SECRET], certificates: [cert.cert], federatedSubjects: [MANAGED_IDENTITY_OID] });
  sim = await startJwtSimulator(idp);
  child = startOboChild(idp.writeCaFile());
});

after(async () => {
  await child.close();
  await sim.close();
  await idp.close();
  rmSync(dirname(certificatePath), { recursive: true, force: true });
});

/** A fresh provider in the child; every test gets its own so caches do not leak between tests. */
async function provider(overrides: Partial<ChildProviderOptions> = {}): Promise<string> {
  const name = `p${++providerCount}`;
  await child.create(name, {
    clientId: BOT_APP_ID,
    tenantId: idp.tenantId,
    clientAuth: { kind: 'secret', clientSecret: BOT_SECRET },
    authorityHost: idp.url,
    audience: DEFENDER_AUDIENCE,
    ...overrides,
  });
  return name;
}

function tokenOf(o: GetOutcome): string {
  assert.equal(o.kind, 'token', `expected a token, got ${JSON.stringify(o)}`);
  return o.kind === 'token' ? o.token : '';
}

/** A token's unique id (uti), so failures print ids rather than whole tokens. */
function idOf(token: string): unknown {
  return decodeJwt(token)?.payload.uti;
}

function tokenRequests(): number {
  return idp.counts().token;
}

const a = requesterFor(ANALYST_A);
const b = requesterFor(ANALYST_B);
const c = requesterFor(ANALYST_C);

describe('on-behalf-of exchange', () => {
  test('returns a Defender-audience token that the simulated tenant accepts as the analyst who asked', async () => {
    const p = await provider();
    const before = tokenRequests();
    const token = tokenOf(await child.get(p, a, idp.mintSsoToken(ANALYST_A)));
    assert.equal(tokenRequests() - before, 1, 'exactly one on-behalf-of request');
    const claims = decodeJwt(token)?.payload;
    assert.equal(claims?.aud, DEFENDER_AUDIENCE);
    assert.equal(claims?.oid, ANALYST_A.oid);
    assert.equal(claims?.appid, BOT_APP_ID);
    assert.match(String(claims?.scp), /\bMachine\.Read\b/);

    const answer = await callApi(sim, '/api/machines', token);
    assert.equal(answer.status, 200);
    assert.equal(sim.calls.entries().at(-1)?.analyst, 'analyst-emea');
  });

  test('analysts A and B get tokens that see different device groups', async () => {
    const p = await provider();
    const ta = tokenOf(await child.get(p, a, idp.mintSsoToken(ANALYST_A)));
    const tb = tokenOf(await child.get(p, b, idp.mintSsoToken(ANALYST_B)));
    const ga = groupNames((await callApi(sim, '/api/machines', ta)).body);
    const gb = groupNames((await callApi(sim, '/api/machines', tb)).body);
    assert.ok(ga.length > 0 && gb.length > 0);
    assert.notDeepEqual(ga, gb);
  });

  test('a warm repeat makes no identity-provider request at all', async () => {
    const p = await provider();
    const sso = idp.mintSsoToken(ANALYST_A);
    const first = tokenOf(await child.get(p, a, sso));
    const before = idp.counts();
    const second = tokenOf(await child.get(p, a, sso));
    const third = tokenOf(await child.get(p, a, sso));
    assert.deepEqual(idp.counts(), before);
    assert.equal(idOf(second), idOf(first));
    assert.equal(idOf(third), idOf(first));
  });

  test('concurrent first calls for one user share a single exchange', async () => {
    const p = await provider();
    const before = tokenRequests();
    const outcomes = await child.getConcurrently(p, a, idp.mintSsoToken(ANALYST_A), 4);
    const tokens = new Set(outcomes.map((o) => idOf(tokenOf(o))));
    assert.equal(tokens.size, 1);
    assert.equal(tokenRequests() - before, 1);
  });

  test('two users get separate cached credentials and their own tokens', async () => {
    const p = await provider();
    const before = tokenRequests();
    const ssoA = idp.mintSsoToken(ANALYST_A);
    const ssoB = idp.mintSsoToken(ANALYST_B);
    const ta = tokenOf(await child.get(p, a, ssoA));
    const tb = tokenOf(await child.get(p, b, ssoB));
    assert.equal(decodeJwt(ta)?.payload.oid, ANALYST_A.oid);
    assert.equal(decodeJwt(tb)?.payload.oid, ANALYST_B.oid);
    assert.equal((await child.exposed(p)).stats.cachedCredentials, 2);
    tokenOf(await child.get(p, a, ssoA));
    tokenOf(await child.get(p, b, ssoB));
    assert.equal(tokenRequests() - before, 2, 'one exchange per user, then both warm');
  });

  test('the credential cache is bounded: the least recently used user is evicted and exchanges again', async () => {
    const p = await provider({ maxCachedCredentials: 2 });
    const sso = { a: idp.mintSsoToken(ANALYST_A), b: idp.mintSsoToken(ANALYST_B), c: idp.mintSsoToken(ANALYST_C) };
    const before = tokenRequests();
    tokenOf(await child.get(p, a, sso.a));
    tokenOf(await child.get(p, b, sso.b));
    tokenOf(await child.get(p, c, sso.c));
    assert.equal((await child.exposed(p)).stats.cachedCredentials, 2);
    tokenOf(await child.get(p, c, sso.c));
    assert.equal(tokenRequests() - before, 3, 'C is still cached');
    tokenOf(await child.get(p, a, sso.a));
    assert.equal(tokenRequests() - before, 4, 'A was evicted and exchanges again');
  });

  test('sign-out forgets the user: the next call exchanges again', async () => {
    const p = await provider();
    const sso = idp.mintSsoToken(ANALYST_A);
    tokenOf(await child.get(p, a, sso));
    const before = tokenRequests();
    await child.signOut(p, a);
    assert.equal((await child.exposed(p)).stats.cachedCredentials, 0);
    tokenOf(await child.get(p, a, sso));
    assert.equal(tokenRequests() - before, 1);
  });

  test('a token within five minutes of expiry is renewed by a new exchange', async () => {
    // MSAL renews 300 s before expiry (whole seconds, rounded): a 301 s token is "near expiry" two seconds after issue.
    const short = await startTestIdp({ accessTokenLifetimeSeconds: 301 });
    const shortChild = startOboChild(short.writeCaFile());
    try {
      await shortChild.create('short', {
        clientId: BOT_APP_ID,
        tenantId: short.tenantId,
        clientAuth: { kind: 'secret', clientSecret: BOT_SECRET },
        authorityHost: short.url,
        audience: DEFENDER_AUDIENCE,
      });
      const sso = short.mintSsoToken(ANALYST_A);
      const first = tokenOf(await shortChild.get('short', a, sso));
      assert.equal(idOf(tokenOf(await shortChild.get('short', a, sso))), idOf(first), 'still fresh: served from the cache');
      assert.equal(short.counts().token, 1);
      await new Promise((r) => setTimeout(r, 2100));
      const renewed = tokenOf(await shortChild.get('short', a, sso));
      assert.notEqual(idOf(renewed), idOf(first));
      assert.equal(short.counts().token, 2);
    } finally {
      await shortChild.close();
      await short.close();
    }
  });
});

describe('client authentication', () => {
  test('a certificate (PEM with key and certificate) authenticates the bot', async () => {
    const p = await provider({ clientAuth: { kind: 'certificate', certificatePath } });
    const token = tokenOf(await child.get(p, a, idp.mintSsoToken(ANALYST_A)));
    assert.equal(decodeJwt(token)?.payload.appidacr, '2');
  });

  test('a managed identity assertion (federated credential) authenticates the bot without a secret', async () => {
    const p = await provider({ clientAuth: { kind: 'managedIdentity', assertion: idp.mintFederatedAssertion(MANAGED_IDENTITY_OID) } });
    tokenOf(await child.get(p, a, idp.mintSsoToken(ANALYST_A)));
  });

  test('a wrong client secret is misconfigured (AADSTS7000215) and names the secret as the fix', async () => {
    const p = await provider({ clientAuth: { kind: 'secret', clientSecret: 'not-the-secret' } });
    const o = await child.get(p, a, idp.mintSsoToken(ANALYST_A));
    assert.equal(o.kind, 'error');
    if (o.kind !== 'error') return;
    assert.equal(o.code, 'misconfigured');
    assert.equal(o.aadstsCode, 7000215);
    assert.match(o.message, /client secret/);
    assert.match(o.correlationId ?? '', /^[0-9a-f-]{36}$/);
  });
});

describe('failures the analyst or an admin must act on', () => {
  test('missing consent asks for sign-in and says who must grant which permission; granting it fixes the next call', async () => {
    const p = await provider();
    idp.consent.revoke(BOT_APP_ID, DEFENDER_AUDIENCE);
    try {
      const o = await child.get(p, a, idp.mintSsoToken(ANALYST_A));
      assert.equal(o.kind, 'signInRequired');
      if (o.kind !== 'signInRequired') return;
      assert.equal(o.code, 'consentRequired');
      assert.match(o.reason, /administrator/);
      assert.match(o.reason, /admin consent/);
      assert.ok(o.reason.includes(BOT_APP_ID));
      assert.match(o.reason, /Machine\.Read and User\.Read\.All/);
    } finally {
      idp.consent.grant(ADMIN_CONSENT);
    }
    tokenOf(await child.get(p, a, idp.mintSsoToken(ANALYST_A)));
  });

  test('an SSO token for another audience is an invalid assertion (AADSTS50013)', async () => {
    const p = await provider();
    const o = await child.get(p, a, idp.mintSsoToken(ANALYST_A, { audience: 'api://botid-00000000-0000-0000-0000-000000000000' }));
    assert.equal(o.kind, 'error');
    if (o.kind !== 'error') return;
    assert.equal(o.code, 'invalidAssertion');
    assert.equal(o.aadstsCode, 50013);
    assert.match(o.message, /api:\/\/botid-/);
  });

  test('an expired SSO token asks the analyst to sign in again and drops the stored token', async () => {
    const p = await provider();
    const o = await child.get(p, a, idp.mintSsoToken(ANALYST_A, { expiresInSeconds: -120 }));
    assert.equal(o.kind, 'signInRequired');
    if (o.kind !== 'signInRequired') return;
    assert.equal(o.code, 'assertionExpired');
    assert.deepEqual((await child.exposed(p)).forgotten, [a.teamsUserId]);
  });

  test('no SSO token yet asks for sign-in without calling the identity provider', async () => {
    const p = await provider();
    const before = idp.counts();
    const o = await child.get(p, a, undefined);
    assert.deepEqual(o.kind === 'signInRequired' ? o.code : o.kind, 'notSignedIn');
    assert.deepEqual(idp.counts(), before);
  });

  test('an SSO token of another user than the requester is refused before any exchange', async () => {
    const p = await provider();
    const before = idp.counts();
    const o = await child.get(p, a, idp.mintSsoToken(ANALYST_B));
    assert.equal(o.kind === 'error' ? o.code : o.kind, 'invalidAssertion');
    assert.deepEqual(idp.counts(), before);
  });

  test('an unreachable identity provider is identityUnavailable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const addr = s.address();
        s.close(() => resolve(typeof addr === 'object' && addr !== null ? addr.port : 9));
      });
    });
    const p = await provider({ authorityHost: `https://127.0.0.1:${closedPort}` });
    const o = await child.get(p, a, idp.mintSsoToken(ANALYST_A));
    assert.equal(o.kind === 'error' ? o.code : o.kind, 'identityUnavailable');
  });

  test('an identity provider answering 503 is identityUnavailable, and the next call works', async () => {
    const p = await provider();
    idp.failTokenRequests(1, 503);
    const o = await child.get(p, a, idp.mintSsoToken(ANALYST_A));
    assert.equal(o.kind === 'error' ? o.code : o.kind, 'identityUnavailable');
    tokenOf(await child.get(p, a, idp.mintSsoToken(ANALYST_A)));
  });
});

test('nothing the provider exposes (errors, logs, inspection, JSON) contains a JWT-shaped string', async () => {
  const p = await provider();
  tokenOf(await child.get(p, a, idp.mintSsoToken(ANALYST_A)));
  tokenOf(await child.get(p, b, idp.mintSsoToken(ANALYST_B)));
  await child.get(p, a, idp.mintSsoToken(ANALYST_A, { audience: 'api://wrong' }));
  await child.get(p, a, idp.mintSsoToken(ANALYST_A, { expiresInSeconds: -60 }));
  await child.get(p, a, idp.mintSsoToken(ANALYST_A, { signWith: 'unknownKey' }));
  idp.failTokenRequests(1, 503);
  await child.get(p, c, idp.mintSsoToken(ANALYST_C));
  const bad = await provider({ clientAuth: { kind: 'secret', clientSecret: 'wrong' } });
  await child.get(bad, a, idp.mintSsoToken(ANALYST_A));
  const exposed = [...(await child.exposed(p)).texts, ...(await child.exposed(bad)).texts];
  assert.ok(exposed.length >= 8, 'the scan saw the errors, logs and inspections');
  assert.ok(
    exposed.some((t) => t.includes('AADSTS50013')),
    'errors were captured',
  );
  assert.deepEqual(jwtShapedStrings(exposed), []);
});
