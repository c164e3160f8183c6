// Production inbound security end to end (bot as a child process, see scripts/rig/production-rig.ts):
// /api/messages takes only activities with a valid Bot Framework JWT (botbuilder's own validation
// against the local IdP's Bot Framework metadata), only from allowed tenants; and the channel
// sign-in mode that sends analysts to a 1:1 chat.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardOf, cardText } from '../../scripts/rig/bot-harness';
import { ANALYST_A, BOT_APP_ID } from '../../scripts/rig/identity/fixtures';
import { jwtShapedStrings } from '../helpers/identity/jwt-scan';
import {
  CHANNEL_USER,
  messageFrom,
  personalChat,
  startProductionRig,
  waitFor,
  type ConversationSpec,
  type ProductionRig,
} from '../../scripts/rig/production-rig';

const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
let rig: ProductionRig;

before(async () => {
  rig = await startProductionRig({ CHANNEL_SIGNIN: 'personal-chat' });
});

after(async () => {
  await rig?.close();
});

function auditLines(): number {
  return rig
    .output()
    .split('\n')
    .filter((l) => l.includes('"msg":"command answered"')).length;
}

describe('inbound Bot Framework JWT', () => {
  const refused: Array<[string, () => string | null]> = [
    ['no Authorization header', () => null],
    ['a token signed by a key the metadata does not publish', () => `Bearer ${rig.channelToken({ signWith: 'unknownKey' })}`],
    ['an expired token (beyond the 5-minute clock tolerance)', () => `Bearer ${rig.channelToken({ expiresInSeconds: -600 })}`],
    [
      'a token for another bot (wrong audience)',
      () => `Bearer ${rig.idp.mintBotFrameworkToken({ appId: '99999999-8888-4777-8666-555555555555', serviceUrl: rig.connector.url })}`,
    ],
    [
      'a token for another service URL',
      () => `Bearer ${rig.idp.mintBotFrameworkToken({ appId: BOT_APP_ID, serviceUrl: 'https://smba.example/evil/' })}`,
    ],
    ['not a JWT at all', () => 'Bearer not-a-token'],
  ];
  for (const [what, authorization] of refused) {
    test(`${what} → 401, and nothing reaches a handler`, async () => {
      const sent = rig.connector.sent.length;
      const audits = auditLines();
      const defenderCalls = rig.sim.calls.entries().length;
      const res = await rig.post(messageFrom(ANALYST_A, personalChat(ANALYST_A, rig.idp.tenantId), 'machines for user1'), {
        authorization: authorization(),
      });
      assert.equal(res.status, 401);
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(rig.connector.sent.length, sent, 'no reply reached the connector');
      assert.equal(auditLines(), audits, 'no audit line');
      assert.equal(rig.sim.calls.entries().length, defenderCalls, 'no Defender call');
    });
  }

  test('each refusal is also a warn line in the bot’s own log', () => {
    const lines = rig
      .output()
      .split('\n')
      .filter((l) => l.includes('"event":"inboundRefused"'));
    assert.equal(lines.length, refused.length);
    assert.ok(lines.every((l) => (JSON.parse(l) as { level: number }).level === 40));
  });

  test('a correctly signed token passes', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    const sent = rig.connector.sent.length;
    const res = await rig.post(messageFrom(ANALYST_A, chat, 'help'));
    assert.equal(res.status, 200);
    const reply = rig.connector.sent.slice(sent).find((s) => s.conversationId === chat.id && s.activity.type === 'message');
    assert.ok(reply, 'the help card was sent');
    assert.match(cardText(cardOf(reply.activity)), /What I can do/);
  });
});

describe('tenant allow-list', () => {
  test('an activity from a tenant not in ALLOWED_TENANT_IDS gets a short refusal, a warn log line, and no Defender or token-service call', async () => {
    const chat: ConversationSpec = { id: 'a:personal-stranger', type: 'personal', tenantId: OTHER_TENANT };
    const sent = rig.connector.sent.length;
    const defenderCalls = rig.sim.calls.entries().length;
    const tokenServiceCalls = rig.tokenService.calls.length;
    const oboCalls = rig.idp.tokenRequestsOf('on_behalf_of').length;
    assert.equal((await rig.post(messageFrom(ANALYST_A, chat, 'machines for user1'))).status, 200);
    const replies = rig.connector.sent
      .slice(sent)
      .filter((s) => s.conversationId === chat.id)
      .map((s) => s.activity);
    assert.equal(replies.length, 1);
    assert.match(String(replies[0]?.text), /isn’t available to your organization/);
    assert.equal(replies[0]?.attachments, undefined, 'a line of text, no card');
    assert.equal(rig.sim.calls.entries().length, defenderCalls);
    assert.equal(rig.tokenService.calls.length, tokenServiceCalls);
    assert.equal(rig.idp.tokenRequestsOf('on_behalf_of').length, oboCalls);
    await waitFor(() => (rig.output().includes(`"tenantId":"${OTHER_TENANT}"`) ? true : undefined), 2000, 'the warn line');
    const line = rig
      .output()
      .split('\n')
      .find((l) => l.includes('"event":"tenantRefused"'));
    assert.ok(line);
    assert.equal((JSON.parse(line) as { level: number }).level, 40, 'logged at warn');
  });

  test('a sign-in invoke from another tenant is refused with 403', async () => {
    const chat: ConversationSpec = { id: 'a:personal-stranger', type: 'personal', tenantId: OTHER_TENANT };
    const invoke = {
      ...messageFrom(ANALYST_A, chat, ''),
      type: 'invoke',
      name: 'signin/tokenExchange',
      value: { id: 'x', connectionName: 'defender-sso', token: 'y' },
    };
    assert.equal((await rig.post(invoke)).status, 403);
  });
});

describe('channels with CHANNEL_SIGNIN=personal-chat', () => {
  test('a channel command from someone not signed in → a card with a button that opens the 1:1 chat with the bot', async () => {
    const channel: ConversationSpec = { id: '19:soc-channel@thread.tacv2;messageid=1', type: 'channel', tenantId: rig.idp.tenantId };
    const sent = rig.connector.sent.length;
    assert.equal((await rig.post(messageFrom(CHANNEL_USER, channel, 'machines for user1'))).status, 200);
    const reply = rig.connector.sent.slice(sent).find((s) => s.conversationId === channel.id && s.activity.type === 'message');
    assert.ok(reply);
    const card = cardOf(reply.activity);
    assert.match(cardText(card), /sign in from a 1:1 chat/i);
    assert.match(
      JSON.stringify(card),
      new RegExp(`"Action.OpenUrl","title":"Open a chat with me","url":"https://teams.microsoft.com/l/chat/0/0\\?users=28:${BOT_APP_ID}"`),
    );
    assert.equal(rig.sim.calls.entries().filter((e) => e.path.includes('user1')).length, 0, 'no Defender call without a token');
  });
});

describe('logs', () => {
  test('no log line (stdout or stderr) contains anything JWT-shaped', () => {
    assert.deepEqual(jwtShapedStrings([rig.output()]), []);
  });
});
