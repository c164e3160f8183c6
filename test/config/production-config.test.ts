// Production mode: what a complete configuration gives, the defaults (Teams Toolkit key names), and
// every half-configured setup refused with the key that is missing and where to get it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, type Config, type ProductionConfig } from '../../src/config';
import { problemsOf } from '../helpers/config-problems';

const BOT = '0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b';
const TENANT = '8f2c1e4a-3b5d-4c6e-9f70-1a2b3c4d5e6f';
const OTHER = '11111111-2222-4333-8444-555555555555';
const APP = '22222222-3333-4444-8555-666666666666';
const MSI = '33333333-4444-4555-8666-777777777777';

/** The least a single-tenant production bot needs. */
const MINIMAL = {
  BOT_ID: BOT,
  BOT_PASSWORD: 'bot-secret-value',
  BOT_TYPE: 'SingleTenant',
  BOT_TENANT_ID: TENANT,
  OAUTH_CONNECTION_NAME: 'defender-sso',
};

function production(env: Record<string, string>): ProductionConfig {
  const c: Config = loadConfig(env);
  assert.equal(c.mode, 'production');
  return c as ProductionConfig;
}

function problem(env: Record<string, string>, key: string): string {
  const found = problemsOf(env).find((p) => p.startsWith(key));
  assert.ok(found, `no problem about ${key} in ${JSON.stringify(problemsOf(env))}`);
  return found;
}

test('a complete single-tenant configuration starts production mode with the bot’s own app, secret and tenant', () => {
  const c = production(MINIMAL);
  assert.deepEqual(c.bot, { id: BOT, type: 'SingleTenant', password: 'bot-secret-value', tenantId: TENANT });
  assert.equal(c.signIn.clientId, BOT, 'AAD_APP_CLIENT_ID defaults to BOT_ID');
  assert.deepEqual(c.signIn.clientAuth, { kind: 'secret', secret: 'bot-secret-value' }, 'AAD_APP_CLIENT_SECRET defaults to BOT_PASSWORD');
  assert.equal(c.signIn.tenantId, TENANT, 'AAD_APP_TENANT_ID defaults to BOT_TENANT_ID');
  assert.equal(c.signIn.connectionName, 'defender-sso');
  assert.equal(c.signIn.resource, `api://botid-${BOT}`);
  assert.equal(c.signIn.channelSignIn, 'oauth-card', 'the channel default');
  assert.deepEqual(c.allowedTenantIds, [TENANT], 'empty ALLOWED_TENANT_IDS = the bot’s own tenant');
  assert.equal(c.localRig, undefined);
});

test('the on-behalf-of app, tenant, credential and channel mode can be set separately', () => {
  const c = production({
    ...MINIMAL,
    AAD_APP_CLIENT_ID: APP,
    AAD_APP_TENANT_ID: OTHER,
    AAD_APP_MSI_CLIENT_ID: MSI,
    CHANNEL_SIGNIN: 'personal-chat',
    ALLOWED_TENANT_IDS: ` ${TENANT.toUpperCase()}, ${OTHER} `,
  });
  assert.equal(c.signIn.clientId, APP);
  assert.equal(c.signIn.tenantId, OTHER);
  assert.deepEqual(c.signIn.clientAuth, { kind: 'managedIdentity', clientId: MSI });
  assert.equal(c.signIn.channelSignIn, 'personal-chat');
  assert.deepEqual(c.allowedTenantIds, [TENANT, OTHER]);
  assert.deepEqual(production({ ...MINIMAL, AAD_APP_CERTIFICATE_PATH: '/run/secrets/bot.pem' }).signIn.clientAuth, {
    kind: 'certificate',
    certificatePath: '/run/secrets/bot.pem',
  });
});

test("APP_ID_URI (the manifest's SSO resource) may use the domain form, and must name the bot", () => {
  assert.equal(
    production({ ...MINIMAL, APP_ID_URI: `api://bot.contoso.com/botid-${BOT}` }).signIn.resource,
    `api://bot.contoso.com/botid-${BOT}`,
  );
  assert.match(problem({ ...MINIMAL, APP_ID_URI: `api://${BOT}` }, 'APP_ID_URI'), /api:\/\/botid-/);
  assert.ok(problemsOf({ ...MINIMAL, APP_ID_URI: 'api://botid-someone-else' }).some((p) => p.startsWith('APP_ID_URI')));
});

test('a multi-tenant bot uses the SSO token’s tenant and must list the tenants it serves', () => {
  const env = { BOT_ID: BOT, BOT_PASSWORD: 'x', OAUTH_CONNECTION_NAME: 'c' };
  assert.match(problem(env, 'ALLOWED_TENANT_IDS is missing'), /MultiTenant/);
  const c = production({ ...env, ALLOWED_TENANT_IDS: TENANT });
  assert.equal(c.bot.type, 'MultiTenant');
  assert.equal(c.signIn.tenantId, undefined, 'unset = the tenant of the analyst’s SSO token');
});

test('a half-configured production setup is refused, naming the missing key and where to get it', () => {
  assert.match(
    problem({ ...MINIMAL, OAUTH_CONNECTION_NAME: '' }, 'OAUTH_CONNECTION_NAME is missing'),
    /Azure Bot → Configuration → Add OAuth Connection Settings.*api:\/\/botid-/,
  );
  // Another app does the exchange: BOT_PASSWORD is not its secret.
  assert.match(
    problem({ ...MINIMAL, AAD_APP_CLIENT_ID: APP }, 'AAD_APP_CLIENT_SECRET is missing'),
    /AAD_APP_MSI_CLIENT_ID.*AAD_APP_CERTIFICATE_PATH.*Certificates & secrets/,
  );
  assert.match(
    problem(
      { ...MINIMAL, AAD_APP_CLIENT_SECRET: 'a', AAD_APP_MSI_CLIENT_ID: MSI },
      'AAD_APP_CLIENT_SECRET, AAD_APP_CERTIFICATE_PATH and AAD_APP_MSI_CLIENT_ID are alternatives',
    ),
    /exactly one/,
  );
  assert.match(problem({ ...MINIMAL, CHANNEL_SIGNIN: 'magic' }, 'CHANNEL_SIGNIN'), /oauth-card or personal-chat/);
  assert.match(problem({ ...MINIMAL, ALLOWED_TENANT_IDS: 'contoso.com' }, 'ALLOWED_TENANT_IDS must be'), /"contoso.com"/);
  assert.match(problem({ ...MINIMAL, AAD_APP_MSI_CLIENT_ID: 'mi' }, 'AAD_APP_MSI_CLIENT_ID="mi" is not a GUID'), /Managed identities/);
});

test('a managed-identity bot names its app registration and has no password', () => {
  const env = { BOT_ID: MSI, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT, OAUTH_CONNECTION_NAME: 'c' };
  assert.match(problem(env, 'AAD_APP_CLIENT_ID is missing'), /api:\/\/botid-/);
  assert.ok(
    problemsOf({ ...env, BOT_PASSWORD: 'x', AAD_APP_CLIENT_ID: APP, AAD_APP_MSI_CLIENT_ID: MSI }).some((p) =>
      p.startsWith('BOT_PASSWORD must not be set'),
    ),
  );
  const c = production({ ...env, AAD_APP_CLIENT_ID: APP, AAD_APP_MSI_CLIENT_ID: MSI });
  assert.deepEqual(c.signIn.clientAuth, { kind: 'managedIdentity', clientId: MSI });
  assert.equal(c.signIn.resource, `api://botid-${MSI}`);
});

test('local test rig overrides need LOCAL_TEST_RIG=1, loopback and https for all three, and are a loud warning', () => {
  const rigKeys = {
    LOCAL_RIG_ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:4443/',
    LOCAL_RIG_BOTFRAMEWORK_OPENID_METADATA_URL: 'https://127.0.0.1:4443/v1/.well-known/openidconfiguration',
    LOCAL_RIG_BOTFRAMEWORK_TOKEN_SERVICE_URL: 'https://localhost:5000',
  };
  const c = production({ ...MINIMAL, ...rigKeys, LOCAL_TEST_RIG: '1' });
  assert.deepEqual(c.localRig, {
    authorityHost: 'https://127.0.0.1:4443',
    botFrameworkOpenIdMetadataUrl: 'https://127.0.0.1:4443/v1/.well-known/openidconfiguration',
    tokenServiceUrl: 'https://localhost:5000',
  });
  assert.equal(c.warnings.length, 1);
  assert.match(
    c.warnings[0] ?? '',
    /^LOCAL TEST RIG: LOCAL_RIG_ENTRA_AUTHORITY_HOST, LOCAL_RIG_BOTFRAMEWORK_OPENID_METADATA_URL, LOCAL_RIG_BOTFRAMEWORK_TOKEN_SERVICE_URL replace/,
  );
  assert.deepEqual(production(MINIMAL).warnings, [], 'no warning without them');
  const withoutFlag = problemsOf({ ...MINIMAL, LOCAL_RIG_BOTFRAMEWORK_TOKEN_SERVICE_URL: 'https://127.0.0.1:5000' });
  assert.deepEqual(withoutFlag, [
    'LOCAL_RIG_BOTFRAMEWORK_TOKEN_SERVICE_URL is for local test rigs only and replace the identity providers this bot trusts: remove it (a test rig also sets LOCAL_TEST_RIG=1).',
  ]);
  const flagged = { ...MINIMAL, LOCAL_TEST_RIG: '1' };
  assert.match(
    problem({ ...flagged, LOCAL_RIG_ENTRA_AUTHORITY_HOST: 'https://login.evil.example' }, 'LOCAL_RIG_ENTRA_AUTHORITY_HOST'),
    /local test rigs only/,
  );
  for (const key of Object.keys(rigKeys)) {
    assert.match(problem({ ...flagged, [key]: 'http://127.0.0.1:4443' }, key), /must be https/, key);
  }
});

test('in production DEFENDER_API_URL must be https on one of the cloud’s Defender API hosts', () => {
  assert.equal(
    production({ ...MINIMAL, DEFENDER_API_URL: 'https://eu.api.security.microsoft.com' }).defenderApiUrl,
    'https://eu.api.security.microsoft.com',
  );
  assert.equal(
    production({ ...MINIMAL, DEFENDER_CLOUD: 'GCCHigh', DEFENDER_API_URL: 'https://api-gov.securitycenter.microsoft.us' }).warnings.length,
    0,
  );
  assert.match(
    problem({ ...MINIMAL, DEFENDER_API_URL: 'http://api.security.microsoft.com' }, 'DEFENDER_API_URL must be https'),
    /in production/,
  );
  assert.match(
    problem({ ...MINIMAL, DEFENDER_API_URL: 'https://defender.attacker.example' }, 'DEFENDER_API_URL host'),
    /not a Defender API host of the Commercial cloud.*DEFENDER_API_URL_ANY_HOST=1/,
  );
  assert.ok(
    problemsOf({ ...MINIMAL, DEFENDER_CLOUD: 'GCC', DEFENDER_API_URL: 'https://api.security.microsoft.com' }).some((p) =>
      p.startsWith('DEFENDER_API_URL host'),
    ),
    'a commercial host is not a GCC host',
  );
});

test('DEFENDER_API_URL_ANY_HOST=1 allows another host (https, or http on loopback only) with a warning', () => {
  const proxied = production({ ...MINIMAL, DEFENDER_API_URL: 'https://defender-proxy.contoso.example', DEFENDER_API_URL_ANY_HOST: '1' });
  assert.deepEqual(proxied.warnings, [
    "DEFENDER_API_URL_ANY_HOST=1: analysts' Defender tokens are sent to https://defender-proxy.contoso.example, which is not a Commercial Defender API host.",
  ]);
  assert.equal(
    production({ ...MINIMAL, DEFENDER_API_URL: 'http://127.0.0.1:4000', DEFENDER_API_URL_ANY_HOST: '1' }).defenderApiUrl,
    'http://127.0.0.1:4000',
  );
  assert.match(
    problem(
      { ...MINIMAL, DEFENDER_API_URL: 'http://proxy.contoso.example', DEFENDER_API_URL_ANY_HOST: '1' },
      'DEFENDER_API_URL must be https unless',
    ),
    /127\.0\.0\.1/,
  );
});

test('demo-only keys are still refused with a production app id, and no secret is echoed', () => {
  const problems = problemsOf({ ...MINIMAL, DEMO: '1', AAD_APP_CLIENT_SECRET: 'hunter2-very-secret', AAD_APP_MSI_CLIENT_ID: MSI });
  assert.ok(problems.some((p) => p.includes('DEMO=1 cannot be combined with BOT_ID')));
  assert.ok(problems.every((p) => !p.includes('hunter2-very-secret') && !p.includes('bot-secret-value')));
});
