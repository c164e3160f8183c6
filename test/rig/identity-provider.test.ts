// The local identity provider on the wire: discovery, keys, the on-behalf-of grant and Entra's
// error envelope, request counting, and the tokens it mints for tests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { decodeJwt, type IdentityProvider } from '../../scripts/rig/identity-provider';
import {
  ANALYST_A,
  ANALYST_B,
  BOT_APP_ID,
  BOT_SECRET,
  DEFENDER_AUDIENCE,
  MANAGED_IDENTITY_OID,
  startTestIdp,
} from '../../scripts/rig/identity/fixtures';
import { httpsJson, type JsonResponse } from '../helpers/identity/https-json';

let idp: IdentityProvider;

before(async () => {
  idp = await startTestIdp();
});

after(async () => {
  await idp.close();
});

function oboForm(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const form: Record<string, string | undefined> = {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    requested_token_use: 'on_behalf_of',
    client_id: BOT_APP_ID,
    client_secret: BOT_SECRET,
    assertion: idp.mintSsoToken(ANALYST_A),
    scope: `${DEFENDER_AUDIENCE}/.default openid profile offline_access`,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));
}

function postToken(form: Record<string, string>, tenant = idp.tenantId): Promise<JsonResponse> {
  return httpsJson(`${idp.url}/${tenant}/oauth2/v2.0/token`, { ca: idp.caPem, form });
}

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null ? Reflect.get(body, key) : undefined;
}

/** Asserts Entra's error envelope: status, `error`, the AADSTS code in three places, and the ids. */
function assertEntraError(r: JsonResponse, status: number, error: string, code: number): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(field(r.body, 'error'), error);
  assert.deepEqual(field(r.body, 'error_codes'), [code]);
  assert.match(String(field(r.body, 'error_description')), new RegExp(`^AADSTS${code}: `));
  for (const k of ['trace_id', 'correlation_id']) assert.match(String(field(r.body, k)), /^[0-9a-f-]{36}$/);
  assert.match(String(field(r.body, 'timestamp')), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
}

describe('discovery', () => {
  test('serves the tenant OpenID configuration with its issuer, token endpoint and keys', async () => {
    const r = await httpsJson(idp.openIdConfigurationUrl, { ca: idp.caPem });
    assert.equal(r.status, 200);
    assert.equal(field(r.body, 'issuer'), idp.issuer);
    assert.equal(field(r.body, 'token_endpoint'), idp.tokenEndpoint);
    assert.equal(field(r.body, 'jwks_uri'), idp.jwksUri);
    const keys = await httpsJson(idp.jwksUri, { ca: idp.caPem });
    assert.deepEqual(keys.body, idp.jwks());
  });

  test('an unknown tenant is AADSTS90002', async () => {
    const r = await httpsJson(`${idp.url}/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration`, { ca: idp.caPem });
    assertEntraError(r, 400, 'invalid_request', 90002);
  });

  test('serves Bot Framework OpenID metadata whose keys verify minted channel tokens and carry endorsements', async () => {
    for (const path of ['/v1/.well-known/openidconfiguration', '/.well-known/openidconfiguration']) {
      const meta = await httpsJson(`${idp.url}${path}`, { ca: idp.caPem });
      assert.equal(field(meta.body, 'issuer'), 'https://api.botframework.com');
      assert.equal(field(meta.body, 'jwks_uri'), idp.botFramework.jwksUri);
    }
    const keys = await httpsJson(idp.botFramework.jwksUri, { ca: idp.caPem });
    const jwk = idp.botFramework.jwks().keys[0];
    assert.deepEqual(keys.body, idp.botFramework.jwks());
    assert.ok(jwk?.endorsements?.includes('msteams'));
    const token = idp.mintBotFrameworkToken({ appId: BOT_APP_ID, serviceUrl: 'https://smba.trafficmanager.net/teams/' });
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk?.n ?? '', e: jwk?.e ?? '' }, format: 'jwk' });
    const claims = jwt.verify(token, key, { algorithms: ['RS256'], audience: BOT_APP_ID, issuer: 'https://api.botframework.com' });
    assert.equal(typeof claims === 'object' ? claims.serviceurl : undefined, 'https://smba.trafficmanager.net/teams/');
    assert.notEqual(decodeJwt(token)?.header.kid, idp.jwks().keys[0]?.kid, 'Bot Framework keys are not the tenant keys');
  });
});

describe('on-behalf-of grant', () => {
  test('issues a Defender-audience access token for the user with the consented scopes', async () => {
    const r = await postToken(oboForm({ client_info: '1' }));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(field(r.body, 'token_type'), 'Bearer');
    assert.equal(field(r.body, 'expires_in'), 3600);
    assert.match(String(field(r.body, 'scope')), /\/\.default/);
    assert.equal(typeof field(r.body, 'id_token'), 'string');
    const claims = decodeJwt(String(field(r.body, 'access_token')))?.payload;
    assert.equal(claims?.aud, DEFENDER_AUDIENCE);
    assert.equal(claims?.oid, ANALYST_A.oid);
    assert.equal(claims?.upn, ANALYST_A.upn);
    assert.equal(claims?.tid, idp.tenantId);
    assert.equal(claims?.iss, idp.accessTokenIssuer);
    assert.equal(claims?.scp, 'Machine.Read User.Read.All Alert.Read');
    assert.ok(typeof claims?.exp === 'number' && claims.exp > Date.now() / 1000 + 3500);
  });

  test('accepts an SSO token whose audience is the bare app id (v2 tokens)', async () => {
    const r = await postToken(oboForm({ assertion: idp.mintSsoToken(ANALYST_A, { audience: BOT_APP_ID }) }));
    assert.equal(r.status, 200);
  });

  test('authenticates a managed identity through a federated credential', async () => {
    const r = await postToken(
      oboForm({
        client_secret: undefined,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: idp.mintFederatedAssertion(MANAGED_IDENTITY_OID),
      }),
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const stranger = await postToken(
      oboForm({
        client_secret: undefined,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: idp.mintFederatedAssertion('someone-else'),
      }),
    );
    assertEntraError(stranger, 401, 'invalid_client', 700213);
  });

  const refusals: Array<[string, () => Record<string, string>, number, string, number, string?]> = [
    [
      'an SSO token for another app',
      () => oboForm({ assertion: idp.mintSsoToken(ANALYST_A, { audience: 'api://botid-other' }) }),
      400,
      'invalid_grant',
      50013,
    ],
    [
      'an SSO token signed by an unknown key',
      () => oboForm({ assertion: idp.mintSsoToken(ANALYST_A, { signWith: 'unknownKey' }) }),
      400,
      'invalid_grant',
      50013,
    ],
    [
      'an expired SSO token',
      () => oboForm({ assertion: idp.mintSsoToken(ANALYST_A, { expiresInSeconds: -30 }) }),
      400,
      'invalid_grant',
      500133,
    ],
    ['a malformed assertion', () => oboForm({ assertion: 'not-a-jwt' }), 400, 'invalid_request', 50027],
    ['a wrong client secret', () => oboForm({ client_secret: 'nope' }), 401, 'invalid_client', 7000215],
    ['no client credential', () => oboForm({ client_secret: undefined }), 401, 'invalid_client', 7000218],
    ['an unknown client', () => oboForm({ client_id: '99999999-9999-4999-8999-999999999999' }), 400, 'unauthorized_client', 700016],
    ['an unknown resource', () => oboForm({ scope: 'https://unknown.example/.default' }), 400, 'invalid_resource', 500011],
    [
      'two resources in one request',
      () => oboForm({ scope: `${DEFENDER_AUDIENCE}/.default https://graph.microsoft.com/User.Read` }),
      400,
      'invalid_request',
      28000,
    ],
    ['a permission the API does not expose', () => oboForm({ scope: `${DEFENDER_AUDIENCE}/Nope.Read` }), 400, 'invalid_scope', 70011],
    ['a missing scope', () => oboForm({ scope: undefined }), 400, 'invalid_request', 900144],
    ['another grant type', () => oboForm({ grant_type: 'password' }), 400, 'unsupported_grant_type', 70003],
    [
      'a permission nobody consented to',
      () => oboForm({ scope: `${DEFENDER_AUDIENCE}/Alert.ReadWrite` }),
      400,
      'invalid_grant',
      65001,
      'consent_required',
    ],
  ];
  for (const [what, form, status, error, code, suberror] of refusals) {
    test(`refuses ${what} with AADSTS${code} (${status} ${error})`, async () => {
      const r = await postToken(form());
      assertEntraError(r, status, error, code);
      if (suberror !== undefined) assert.equal(field(r.body, 'suberror'), suberror);
    });
  }

  test('a request for another tenant is AADSTS90002', async () => {
    assertEntraError(await postToken(oboForm(), '11111111-1111-4111-8111-111111111111'), 400, 'invalid_request', 90002);
  });

  test('consent is per client, resource and optionally per user', async () => {
    idp.consent.revoke(BOT_APP_ID, DEFENDER_AUDIENCE);
    try {
      assertEntraError(await postToken(oboForm()), 400, 'invalid_grant', 65001);
      idp.consent.grant({ clientId: BOT_APP_ID, resource: DEFENDER_AUDIENCE, scopes: ['Machine.Read'], userOid: ANALYST_B.oid });
      assertEntraError(await postToken(oboForm()), 400, 'invalid_grant', 65001);
      const forB = await postToken(oboForm({ assertion: idp.mintSsoToken(ANALYST_B) }));
      assert.equal(decodeJwt(String(field(forB.body, 'access_token')))?.payload.scp, 'Machine.Read');
    } finally {
      idp.consent.revoke(BOT_APP_ID, DEFENDER_AUDIENCE);
      idp.consent.grant({ clientId: BOT_APP_ID, resource: DEFENDER_AUDIENCE, scopes: ['Machine.Read', 'User.Read.All'] });
    }
  });

  test('counts requests per endpoint and records token outcomes without secrets', async () => {
    idp.resetCounts();
    await httpsJson(idp.openIdConfigurationUrl, { ca: idp.caPem });
    await postToken(oboForm());
    await postToken(oboForm({ client_secret: 'wrong' }));
    const counts = idp.counts();
    assert.equal(counts['openid-configuration'], 1);
    assert.equal(counts.token, 2);
    assert.equal(counts.keys, 0);
    const obo = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    assert.deepEqual(idp.tokenRequests(), [
      { clientId: BOT_APP_ID, grant: obo, status: 200 },
      { clientId: BOT_APP_ID, grant: obo, status: 401, error: 'invalid_client', aadsts: 7000215 },
    ]);
    assert.equal(idp.tokenRequestsOf('on_behalf_of').length, 2);
    assert.equal(idp.tokenRequestsOf('client_credentials').length, 0);
  });

  test('injected failures answer 503 temporarily_unavailable, then recover', async () => {
    idp.failTokenRequests(1);
    assertEntraError(await postToken(oboForm()), 503, 'temporarily_unavailable', 90033);
    assert.equal((await postToken(oboForm())).status, 200);
  });
});

describe("client credentials (the bot's own app token for the Bot Framework)", () => {
  const appForm = (overrides: Record<string, string | undefined> = {}): Record<string, string> => {
    const form: Record<string, string | undefined> = {
      grant_type: 'client_credentials',
      client_id: BOT_APP_ID,
      client_secret: BOT_SECRET,
      scope: 'https://api.botframework.com/.default',
      ...overrides,
    };
    return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));
  };

  test('issues an app-only token for https://api.botframework.com, signed with the tenant key', async () => {
    idp.resetCounts();
    const r = await postToken(appForm());
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const token = String(field(r.body, 'access_token'));
    const claims = decodeJwt(token)?.payload;
    assert.equal(claims?.aud, 'https://api.botframework.com');
    assert.equal(claims?.appid, BOT_APP_ID);
    assert.equal(claims?.upn, undefined, 'no user in an app-only token');
    const jwk = idp.jwks().keys[0];
    assert.ok(jwk);
    jwt.verify(token, createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' }), { algorithms: ['RS256'] });
    assert.equal(idp.tokenRequestsOf('client_credentials').length, 1);
    assert.equal(idp.tokenRequestsOf('on_behalf_of').length, 0);
  });

  const refusals: Array<[string, () => Record<string, string>, number, string, number]> = [
    ['a wrong secret', () => appForm({ client_secret: 'nope' }), 401, 'invalid_client', 7000215],
    ['an unknown client', () => appForm({ client_id: '99999999-9999-4999-8999-999999999999' }), 400, 'unauthorized_client', 700016],
    ['a scope without /.default', () => appForm({ scope: 'https://api.botframework.com/Read' }), 400, 'invalid_scope', 70011],
    ['an unknown resource', () => appForm({ scope: 'https://unknown.example/.default' }), 400, 'invalid_resource', 500011],
  ];
  for (const [what, form, status, error, code] of refusals) {
    test(`refuses ${what} with AADSTS${code}`, async () => {
      assertEntraError(await postToken(form()), status, error, code);
    });
  }
});

describe('minted test tokens', () => {
  test('an SSO token looks like what Teams hands the bot', () => {
    const claims = decodeJwt(idp.mintSsoToken(ANALYST_A))?.payload;
    assert.equal(claims?.aud, `api://botid-${BOT_APP_ID}`);
    assert.equal(claims?.scp, 'access_as_user');
    assert.equal(claims?.oid, ANALYST_A.oid);
    assert.equal(claims?.tid, idp.tenantId);
    assert.equal(claims?.upn, ANALYST_A.upn);
    assert.equal(claims?.iss, idp.issuer);
  });

  test('variants: expired, wrong audience and unknown key', () => {
    const now = Date.now() / 1000;
    assert.ok(Number(decodeJwt(idp.mintSsoToken(ANALYST_A, { expiresInSeconds: -10 }))?.payload.exp) < now);
    assert.equal(decodeJwt(idp.mintSsoToken(ANALYST_A, { audience: 'api://x' }))?.payload.aud, 'api://x');
    const kid = decodeJwt(idp.mintSsoToken(ANALYST_A, { signWith: 'unknownKey' }))?.header.kid;
    assert.ok(!idp.jwks().keys.some((k) => k.kid === kid));
  });
});
