// A follow-up carried on by another bot process in production shape: real Teams inbound tokens, the
// real on-behalf-of exchange against the local IdP, the simulated tenant checking each delegated token,
// and one real redis-server. The process that sent the isolate is killed; the one started after it holds
// no token for the analyst, so it asks the Bot Framework token service in a proactive turn (as a
// sign-in resume does), polls with the analyst's own token (the tenant's JWT check names them), and
// edits the same card to Succeeded. No token reaches Redis.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { actionPosts } from '../../scripts/rig/action-fixtures';
import { cardOf, cardText, submitActions } from '../../scripts/rig/bot-harness';
import { ANALYST_A } from '../../scripts/rig/identity/fixtures';
import {
  CONNECTION_NAME,
  messageFrom,
  personalChat,
  startProductionRig,
  teamsUser,
  waitFor,
  type ConversationSpec,
  type ProductionRig,
} from '../../scripts/rig/production-rig';
import { startRedisServer, type RedisServer } from '../../scripts/rig/redis-server';

const LAPTOP = facts.USER1_EXTRA_MACHINES.emeaLaptop;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

let redis: RedisServer;
let rig: ProductionRig;
let chat: ConversationSpec;

before(async () => {
  redis = await startRedisServer();
  rig = await startProductionRig(
    {
      RESPONSE_ACTIONS: 'isolate',
      RESPONSE_ACTION_POLL_MS: '200',
      RESPONSE_ACTION_RESUME_SCAN_MS: '300',
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: '3000',
    },
    { extraConsentScopes: ['Machine.Isolate'] },
  );
  chat = personalChat(ANALYST_A, rig.idp.tenantId);
  // Signed in earlier (the sign-in button): the token service holds the analyst's token.
  rig.tokenService.setToken(teamsUser(ANALYST_A).id, CONNECTION_NAME, rig.idp.mintSsoToken(ANALYST_A));
});

after(async () => {
  await rig?.close();
  await redis?.stop();
});

function adaptive(activity: Record<string, unknown>): boolean {
  return ((activity.attachments as Array<{ contentType: string }> | undefined) ?? []).some((a) => a.contentType === ADAPTIVE);
}

test('the sending process killed, another one gets the analyst’s token from the token service, polls as them and edits the card to Succeeded', async () => {
  const ask = messageFrom(ANALYST_A, chat, `isolate ${LAPTOP.id} INC-71 beaconing`);
  assert.equal((await rig.post(ask)).status, 200);
  const card = await waitFor(
    () => rig.connector.sent.find((s) => s.conversationId === chat.id && s.replyToId === ask.id && adaptive(s.activity)),
    8000,
    'the confirmation card',
  );
  const confirm = submitActions(cardOf(card.activity)).find((b) => b.title === 'Confirm: Isolate');
  assert.ok(confirm, cardText(cardOf(card.activity)));
  const click = messageFrom(ANALYST_A, chat, confirm.data.msteams.text, { value: confirm.data.msteams.value, replyToId: card.id });
  assert.equal((await rig.post(click)).status, 200);
  await waitFor(() => (rig.output().includes('"step":"sent"') ? true : undefined), 8000, 'the sent audit line');
  process.kill(rig.pid, 'SIGKILL');

  const tokenCallsBefore = rig.tokenService.calls.length;
  const later = await rig.addReplica();
  const done = await waitFor(
    () =>
      rig.connector.updated
        .filter((u) => u.activityId === card.id)
        .map((u) => cardOf(u.activity))
        .find((c) => /Isolate .*: Succeeded/.test(cardText(c))),
    20_000,
    'the card edited to Succeeded by the new process',
  );
  assert.match(cardText(done), /Confirmed by Elena/);
  assert.ok(later.output().includes('"step":"followUpResumed"'), 'the new process audited that it carried the follow-up on');
  const asked = rig.tokenService.calls.slice(tokenCallsBefore).filter((c) => c.path.toLowerCase() === '/api/usertoken/gettoken');
  assert.ok(
    asked.some((c) => c.userId === teamsUser(ANALYST_A).id && c.status === 200),
    'the token service was asked for the analyst’s token',
  );
  const polls = rig.sim.calls.entries().filter((e) => e.method === 'GET' && e.path.startsWith('/api/machineactions/'));
  assert.ok(polls.length > 0);
  assert.deepEqual([...new Set(polls.map((p) => p.analyst))], ['analyst-emea'], 'every poll with the analyst’s own token');
  assert.equal(actionPosts(rig.sim).length, 1);
  const stored = await redis.command('KEYS', '*');
  assert.doesNotMatch(stored, /eyJ/, 'no token in Redis');
});
