// OboTokenProvider's own logic with a fake credential (no network): what it hands
// @azure/identity, timeouts, and what it does before any exchange.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { AccessToken, OnBehalfOfCredentialOptions, TokenCredential } from '@azure/identity';
import { createLogger } from '../../src/logging/logger';
import { OboTokenProvider, type OboTokenProviderOptions, type TokenLogger } from '../../src/tokens/obo-token-provider';
import { MemorySsoTokenStore } from '../../src/tokens/sso-token-source';
import { TokenError } from '../../src/tokens/token-error';

const CLOUD = { audience: 'https://api.securitycenter.microsoft.com', loginHost: 'https://login.microsoftonline.com' };
const USER = { teamsUserId: '29:user', aadObjectId: 'A1A1A1A1-0000-4000-8000-00000000000A' };

/** A structurally valid (unsigned) SSO token: the provider only reads its claims. */
function ssoToken(claims: Record<string, unknown>): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

function setup(overrides: Partial<OboTokenProviderOptions> = {}, getToken?: (scope: string) => Promise<AccessToken | null>) {
  const created: OnBehalfOfCredentialOptions[] = [];
  const store = new MemorySsoTokenStore();
  const provider = new OboTokenProvider({
    clientId: 'bot-app',
    clientAuth: { kind: 'secret', clientSecret: 'secret' },
    cloud: CLOUD,
    ssoTokens: store,
    createCredential: (options) => {
      created.push(options);
      const credential: TokenCredential = {
        getToken: (scopes) =>
          (getToken ?? (async () => ({ token: 'defender-token', expiresOnTimestamp: Date.now() + 3600_000 })))([scopes].flat().join(' ')),
      };
      return credential;
    },
    ...overrides,
  });
  return { provider, store, created };
}

test('through the app’s pino logger, an exchange logs who and until when, a failure its code, and neither the token', async () => {
  const lines: string[] = [];
  const logger: TokenLogger = createLogger('info', { write: (line: string) => void lines.push(line) });
  let calls = 0;
  const { provider, store } = setup({ tenantId: 't', logger }, async () => {
    calls++;
    const expired = new Error('invalid_grant: AADSTS500133: Assertion is not within its valid time range.');
    if (calls === 2) throw Object.assign(expired, { name: 'AuthenticationRequiredError' });
    return { token: 'defender-token', expiresOnTimestamp: Date.parse('2030-01-01T00:00:00Z') };
  });
  const sso = ssoToken({ oid: USER.aadObjectId });
  store.put(USER, sso);
  assert.equal((await provider.getDefenderToken(USER)).kind, 'token');
  await provider.signOut(USER);
  store.put(USER, sso);
  assert.equal((await provider.getDefenderToken(USER)).kind, 'signInRequired');
  const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    logged.map((l) => [l.msg, l.user, l.expiresOn ?? l.code ?? l.removed]),
    [
      ['on-behalf-of exchange succeeded', USER.aadObjectId.toLowerCase(), '2030-01-01T00:00:00.000Z'],
      ['signed out', USER.aadObjectId, 1],
      ['on-behalf-of exchange failed', USER.aadObjectId, 'assertionExpired'],
    ],
  );
  for (const line of lines) for (const secret of ['defender-token', sso]) assert.ok(!line.includes(secret), line);
});

test('a multi-tenant bot exchanges in the analyst’s tenant, against the cloud’s login host, with the Defender .default scope', async () => {
  const scopes: string[] = [];
  const { provider, store, created } = setup({}, async (scope) => {
    scopes.push(scope);
    return { token: 't', expiresOnTimestamp: Date.now() + 3600_000 };
  });
  store.put(USER, ssoToken({ oid: USER.aadObjectId, tid: 'tenant-of-user' }));
  assert.equal((await provider.getDefenderToken(USER)).kind, 'token');
  const o = created[0];
  assert.equal(o?.tenantId, 'tenant-of-user');
  assert.equal(o?.authorityHost, 'https://login.microsoftonline.com');
  assert.equal(o?.disableInstanceDiscovery, false);
  assert.ok(o !== undefined && 'clientSecret' in o);
  assert.deepEqual(scopes, ['https://api.securitycenter.microsoft.com/.default']);
});

test('an authority override turns instance discovery off; an http authority is refused', async () => {
  const { provider, store, created } = setup({ authorityHost: 'https://127.0.0.1:4443/', tenantId: 't' });
  store.put(USER, ssoToken({ oid: USER.aadObjectId }));
  await provider.getDefenderToken(USER);
  assert.equal(created[0]?.authorityHost, 'https://127.0.0.1:4443');
  assert.equal(created[0]?.disableInstanceDiscovery, true);
  assert.throws(
    () => setup({ authorityHost: 'http://127.0.0.1:4443' }),
    (e: unknown) => e instanceof TokenError && e.code === 'misconfigured',
  );
});

test('an identity provider that does not answer is identityUnavailable after timeoutMs', async () => {
  const { provider, store } = setup({ timeoutMs: 50, tenantId: 't' }, () => new Promise<AccessToken | null>(() => undefined));
  store.put(USER, ssoToken({ oid: USER.aadObjectId }));
  const started = Date.now();
  await assert.rejects(provider.getDefenderToken(USER), (e: unknown) => e instanceof TokenError && e.code === 'identityUnavailable');
  assert.ok(Date.now() - started < 1000);
});

test('a failed exchange does not keep its credential: the next call starts afresh', async () => {
  let calls = 0;
  const { provider, store, created } = setup({ tenantId: 't' }, async () => {
    calls++;
    if (calls === 1) throw Object.assign(new Error('temporarily_unavailable: AADSTS90033: busy'), { name: 'AuthenticationRequiredError' });
    return { token: 'ok', expiresOnTimestamp: Date.now() + 3600_000 };
  });
  store.put(USER, ssoToken({ oid: USER.aadObjectId }));
  await assert.rejects(provider.getDefenderToken(USER));
  assert.equal(provider.stats().cachedCredentials, 0);
  assert.equal((await provider.getDefenderToken(USER)).kind, 'token');
  assert.equal(created.length, 2);
});

test('a token that is not a JWT is refused before any credential is made', async () => {
  const { provider, store, created } = setup({ tenantId: 't' });
  store.put(USER, 'opaque-token');
  await assert.rejects(provider.getDefenderToken(USER), (e: unknown) => e instanceof TokenError && e.code === 'invalidAssertion');
  assert.equal(created.length, 0);
});

test('JSON and inspection of the provider show no options or cache contents', async () => {
  const { provider, store } = setup({ tenantId: 't', clientAuth: { kind: 'secret', clientSecret: 'S3CR3T-VALUE' } });
  store.put(USER, ssoToken({ oid: USER.aadObjectId, marker: 'SSO-MARKER' }));
  await provider.getDefenderToken(USER);
  assert.deepEqual(JSON.parse(JSON.stringify(provider)), {
    kind: 'OboTokenProvider',
    clientId: 'bot-app',
    audience: CLOUD.audience,
    cachedCredentials: 1,
  });
  const shown = inspect(provider, { showHidden: true, depth: Infinity });
  for (const secret of ['S3CR3T-VALUE', 'defender-token', ssoToken({ oid: USER.aadObjectId, marker: 'SSO-MARKER' })])
    assert.ok(!shown.includes(secret));
});

test('with an allow-list, an SSO token from another tenant (or without a tid) is never exchanged', async () => {
  const allowed = 'aaaaaaaa-0000-4000-8000-000000000001';
  const { provider, store, created } = setup({ allowedTenantIds: [allowed.toUpperCase()] });
  const cases: Array<[string, Record<string, unknown>]> = [
    ['a foreign tid', { oid: USER.aadObjectId, tid: 'ffffffff-0000-4000-8000-00000000000f' }],
    ['no tid', { oid: USER.aadObjectId }],
  ];
  for (const [what, claims] of cases) {
    store.put(USER, ssoToken(claims));
    await assert.rejects(
      provider.getDefenderToken(USER),
      (e: unknown) => e instanceof TokenError && e.code === 'invalidAssertion' && /tenant this bot serves/.test(e.message),
      what,
    );
  }
  assert.equal(created.length, 0, 'no credential, so no request to any authority');
  store.put(USER, ssoToken({ oid: USER.aadObjectId, tid: allowed }));
  assert.equal((await provider.getDefenderToken(USER)).kind, 'token');
  assert.equal(created[0]?.tenantId, allowed);
});

test('an allowed SSO tid that differs from the conversation’s tenant is refused too', async () => {
  const [a, b] = ['aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002'];
  const { provider, store, created } = setup({ allowedTenantIds: [a, b] });
  const requester = { ...USER, tenantId: b };
  store.put(requester, ssoToken({ oid: USER.aadObjectId, tid: a }));
  await assert.rejects(
    provider.getDefenderToken(requester),
    (e: unknown) => e instanceof TokenError && /different tenant than the conversation/.test(e.message),
  );
  assert.equal(created.length, 0);
});
