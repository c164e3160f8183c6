// The cheap pre-check in front of botbuilder: a request whose unverified token is not shaped like a
// channel token never reaches botframework-connector, whose emulator check would otherwise add four
// issuer strings per unseen `tid` to a module-global array that is never trimmed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector/lib/auth/tokenValidationParameters';
import { startBot, type RunningBot } from '../../src/app/start-bot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { precheckChannelToken } from '../../src/teams/inbound-token';

const BOT = '0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b';
const TENANT = '8f2c1e4a-3b5d-4c6e-9f70-1a2b3c4d5e6f';
let bot: RunningBot;

before(async () => {
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    BOT_ID: BOT,
    BOT_PASSWORD: 'x',
    BOT_TYPE: 'SingleTenant',
    BOT_TENANT_ID: TENANT,
    OAUTH_CONNECTION_NAME: 'c',
  });
  bot = await startBot(config, { logger: createLogger('silent'), host: '127.0.0.1' });
});
after(async () => {
  await bot?.close();
});

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const unsigned = (claims: Record<string, unknown>): string => `Bearer ${b64({ alg: 'RS256', typ: 'JWT', kid: 'k' })}.${b64(claims)}.c2ln`;

test('300 unsigned tokens, each with a new tid and an Entra issuer → all 401, and botframework-connector’s issuer list does not grow', async () => {
  const issuers = ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[];
  const before = issuers.length;
  const statuses = new Set<number>();
  for (let i = 0; i < 300; i++) {
    const tid = `${String(i).padStart(8, '0')}-0000-4000-8000-${'x'.repeat(2000)}`;
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: unsigned({ iss: `https://sts.windows.net/${tid}/`, tid, appid: BOT, aud: BOT, ver: '1.0', exp: 9e9 }),
      },
      body: JSON.stringify({
        type: 'message',
        text: 'hi',
        serviceUrl: 'https://smba.trafficmanager.net/amer/',
        channelId: 'msteams',
        from: { id: 'x' },
        conversation: { id: 'c' },
        recipient: { id: 'b' },
      }),
    });
    await res.text();
    statuses.add(res.status);
  }
  assert.deepEqual([...statuses], [401]);
  assert.equal(issuers.length, before);
});

test('the pre-check takes a channel-shaped token and names what is wrong with the others', () => {
  const policy = { issuer: 'https://api.botframework.com', botId: BOT, allowedTenantIds: [TENANT], now: () => 1_000_000_000_000 };
  const url = 'https://smba.trafficmanager.net/amer/';
  const channel = { iss: 'https://api.botframework.com', aud: BOT, serviceurl: url, nbf: 999_999_000, exp: 1_000_003_600 };
  assert.equal(precheckChannelToken(unsigned(channel), url, policy).ok, true);
  const reasons: Array<[string, string | undefined, unknown]> = [
    ['no Authorization header', undefined, url],
    ['not a Bearer JWT', 'Basic dXNlcjpwYXNz', url],
    ['not issued by the Bot Framework channel', unsigned({ ...channel, iss: `https://sts.windows.net/${TENANT}/` }), url],
    ['not for this bot', unsigned({ ...channel, aud: 'someone-else' }), url],
    ['not a channel token (skill or emulator claims)', unsigned({ ...channel, appid: BOT }), url],
    ['not a channel token (foreign tid)', unsigned({ ...channel, tid: '11111111-2222-4333-8444-555555555555' }), url],
    ['serviceurl claim does not match the activity', unsigned(channel), 'https://attacker.example/'],
    ['expired', unsigned({ ...channel, exp: 999_000_000 }), url],
    ['not yet valid', unsigned({ ...channel, nbf: 1_000_001_000 }), url],
    ['signing algorithm not allowed', `Bearer ${b64({ alg: 'none', kid: 'k' })}.${b64(channel)}.c2ln`, url],
  ];
  for (const [reason, header, serviceUrl] of reasons) {
    const result = precheckChannelToken(header, serviceUrl, policy);
    assert.equal(result.ok ? 'accepted' : result.reason, reason);
  }
  assert.equal(precheckChannelToken(unsigned({ ...channel, tid: TENANT }), url, policy).ok, true, 'an allowed tid is tolerated');
});
