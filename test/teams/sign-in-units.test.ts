// The SDK-light parts of the Teams sign-in: waiting commands (per user and conversation, bounded,
// expiring), the prompts (OAuth card with and without SSO, the 1:1 chat link), and the adapter's
// Bot Framework settings for production and the local rig.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, type ProductionConfig } from '../../src/config';
import { productionAuthOptions } from '../../src/teams/adapter';
import { MemoryStateStore } from '../../src/state/memory-store';
import { PendingCommands, type PendingCommand } from '../../src/teams/sign-in/pending-commands';
import { oauthPrompt, personalChatUrl, ssoWorksIn } from '../../src/teams/sign-in/prompts';

const BOT = '0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b';
const TENANT = '8f2c1e4a-3b5d-4c6e-9f70-1a2b3c4d5e6f';

function pending(user: string, text = 'help'): PendingCommand<string> {
  return { command: { kind: 'unknown', text, suggestions: [] }, requester: { teamsUserId: user }, reference: 'ref', via: 'typed' };
}

test('a waiting command is kept per user and conversation, taken once, and a newer one replaces it', async () => {
  const p = new PendingCommands<string>();
  await p.put('conv-1', pending('29:a', 'first'));
  await p.put('conv-1', pending('29:a', 'second'));
  await p.put('conv-2', pending('29:a', 'elsewhere'));
  await p.put('conv-1', pending('29:b', 'someone else'));
  const taken = await p.take('29:a', 'conv-1');
  assert.equal(taken?.command.kind === 'unknown' ? taken.command.text : undefined, 'second', 'the newer command replaced the older');
  assert.equal(await p.take('29:a', 'conv-1'), undefined, 'taken once');
  assert.equal(await p.take('29:b', 'conv-2'), undefined, 'not another conversation’s');
  assert.equal(await p.forgetUser('29:a'), 1, 'conv-2 was still waiting');
  assert.equal(await p.take('29:a', 'conv-2'), undefined, 'forgotten at sign-out');
  const other = await p.take('29:b', 'conv-1');
  assert.equal(other?.command.kind === 'unknown' ? other.command.text : undefined, 'someone else', 'another user’s command is untouched');
});

test('waiting commands expire: an abandoned sign-in does not run its command later', async () => {
  let now = 0;
  const p = new PendingCommands<string>({ store: new MemoryStateStore({ now: () => now }), ttlMs: 1000 });
  await p.put('c', pending('29:a'));
  now = 999;
  await p.put('c', pending('29:b'));
  now = 1001;
  assert.equal(await p.take('29:a', 'c'), undefined);
  assert.ok(await p.take('29:b', 'c'), 'the later one is still within its TTL');
});

test('the memory store is bounded: the least recently used entry goes first', async () => {
  const store = new MemoryStateStore({ maxEntries: 2 });
  await store.set('1', 'a', 60_000);
  await store.set('2', 'b', 60_000);
  await store.get('1');
  await store.set('3', 'c', 60_000);
  assert.equal(store.size, 2);
  assert.equal(await store.get('2'), undefined);
  assert.equal(await store.get('1'), 'a');
});

test('the OAuth card carries the exchange resource only where SSO works', () => {
  assert.equal(ssoWorksIn('personal'), true);
  assert.equal(ssoWorksIn('groupChat'), true);
  assert.equal(ssoWorksIn('channel'), false);
  const sso = oauthPrompt({
    connectionName: 'conn',
    signInLink: 'https://token.example/signin',
    exchange: { resource: `api://botid-${BOT}` },
  });
  const card = (sso.activity.attachments?.[0]?.content ?? {}) as {
    connectionName?: string;
    tokenExchangeResource?: { id?: string; uri?: string };
    buttons?: Array<{ type: string; value: string }>;
  };
  assert.equal(sso.activity.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.oauth');
  assert.equal(card.connectionName, 'conn');
  assert.equal(card.tokenExchangeResource?.uri, `api://botid-${BOT}`);
  assert.equal(card.tokenExchangeResource?.id, sso.exchangeId);
  assert.deepEqual(
    card.buttons?.map((b) => [b.type, b.value]),
    [['signin', 'https://token.example/signin']],
  );
  const channel = oauthPrompt({ connectionName: 'conn', signInLink: 'https://token.example/signin' });
  assert.equal(channel.exchangeId, undefined);
  assert.equal((channel.activity.attachments?.[0]?.content as { tokenExchangeResource?: unknown }).tokenExchangeResource, undefined);
  const noLink = oauthPrompt({ connectionName: 'c', exchange: { resource: 'r' } });
  assert.notEqual(noLink.exchangeId, sso.exchangeId, 'a new id per card');
  assert.deepEqual((noLink.activity.attachments?.[0]?.content as { buttons?: unknown[] }).buttons, [], 'no button without a sign-in link');
});

test('the 1:1 chat deep link names the bot', () => {
  assert.equal(personalChatUrl(BOT), `https://teams.microsoft.com/l/chat/0/0?users=28:${BOT}`);
});

function productionConfig(extra: Record<string, string> = {}): ProductionConfig {
  const c = loadConfig({
    BOT_ID: BOT,
    BOT_PASSWORD: 's',
    BOT_TYPE: 'SingleTenant',
    BOT_TENANT_ID: TENANT,
    OAUTH_CONNECTION_NAME: 'c',
    ...extra,
  });
  assert.equal(c.mode, 'production');
  return c as ProductionConfig;
}

test('production adapter settings: botbuilder’s public defaults, Azure Government for GCC High/DoD, every endpoint for a local rig', () => {
  assert.deepEqual(productionAuthOptions(productionConfig()), {
    MicrosoftAppId: BOT,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT,
  });
  assert.equal(productionAuthOptions(productionConfig({ DEFENDER_CLOUD: 'GCCHigh' })).ChannelService, 'https://botframework.azure.us');
  const rig = productionAuthOptions(
    productionConfig({
      LOCAL_RIG_ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:4443',
      LOCAL_RIG_BOTFRAMEWORK_OPENID_METADATA_URL: 'https://127.0.0.1:4443/v1/.well-known/openidconfiguration',
      LOCAL_RIG_BOTFRAMEWORK_TOKEN_SERVICE_URL: 'https://127.0.0.1:5000',
      LOCAL_TEST_RIG: '1',
    }),
  );
  assert.equal(rig.ToChannelFromBotLoginUrl, `https://127.0.0.1:4443/${TENANT}`);
  assert.equal(rig.ToChannelFromBotOAuthScope, 'https://api.botframework.com');
  assert.equal(rig.ToBotFromChannelTokenIssuer, 'https://api.botframework.com');
  assert.equal(rig.ToBotFromChannelOpenIdMetadataUrl, 'https://127.0.0.1:4443/v1/.well-known/openidconfiguration');
  assert.equal(rig.OAuthUrl, 'https://127.0.0.1:5000');
  assert.equal(
    rig.ToBotFromEmulatorOpenIdMetadataUrl,
    `https://127.0.0.1:4443/${TENANT}/v2.0/.well-known/openid-configuration`,
    'Entra’s keys are the rig’s',
  );
});
