// When Defender is slower than the reply deadline, the analyst hears at once that it is in progress,
// and the card arrives later in the same conversation and thread (a proactive message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { STILL_WORKING } from '../../src/teams/turn/deliver';
import { channelMessage, personalMessage, startHarness } from '../../scripts/rig/bot-harness';

async function until<T>(probe: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('a slow Defender gets an immediate "still working" reply and the card later, in the same conversation', async () => {
  const h = await startHarness({ SLOW_REPLY_MS: '300' });
  try {
    h.sim.faults.set({ kind: 'latency', ms: 1500 }, { times: 1 });
    const activity = personalMessage('machines for user1');
    const started = Date.now();
    const immediate = await h.exchange(activity);
    assert.ok(Date.now() - started < 1400, 'the turn ended before Defender answered');
    assert.equal(immediate.length, 1);
    assert.equal(immediate[0]?.text, STILL_WORKING);
    assert.equal(immediate[0]?.summary, 'Still working on it…');

    // A proactive message is a continuation, not a reply: it is matched by conversation (which, in a
    // channel, carries the thread's ;messageid=).
    const late = await until(
      () =>
        h.connector.sent.find(
          (s) => s.conversationId === (activity.conversation as { id: string }).id && Array.isArray(s.activity.attachments),
        ),
      5000,
    );
    assert.equal(late.conversationId, (activity.conversation as { id: string }).id);
    assert.equal(late.activity.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);
    type AuditLine = { audit?: { outcome: string; deferred: boolean } };
    const audit = await until(() => h.logLines.map((l) => JSON.parse(l) as AuditLine).find((l) => l.audit)?.audit, 2000);
    assert.deepEqual([audit.outcome, audit.deferred], ['machines', true]);
  } finally {
    await h.close();
  }
});

test('in a channel the late card goes to the thread the question was asked in', async () => {
  const h = await startHarness({ SLOW_REPLY_MS: '300' });
  try {
    h.sim.faults.set({ kind: 'latency', ms: 1000 }, { times: 1 });
    const activity = channelMessage('<at>MDE ChatOps</at> machines for user1', {
      entities: [
        {
          mentioned: { id: '28:00000000-0000-0000-0000-000000000000', name: 'MDE ChatOps' },
          text: '<at>MDE ChatOps</at>',
          type: 'mention',
        },
      ],
    });
    await h.exchange(activity);
    const thread = (activity.conversation as { id: string }).id;
    assert.match(thread, /;messageid=/);
    const late = await until(() => h.connector.sent.find((s) => Array.isArray(s.activity.attachments)), 5000);
    assert.equal(late.conversationId, thread, 'thread id (;messageid=) kept');
  } finally {
    await h.close();
  }
});

test('shutdown waits for a deferred delivery before closing', async () => {
  const h = await startHarness({ SLOW_REPLY_MS: '200' });
  h.sim.faults.set({ kind: 'latency', ms: 800 }, { times: 1 });
  const activity = personalMessage('machines for user1');
  await h.exchange(activity);
  await h.bot.close();
  assert.ok(
    h.connector.sent.some((s) => Array.isArray(s.activity.attachments)),
    'the card was delivered before close resolved',
  );
  await h.connector.close();
  await h.sim.close();
});

test('a Defender answer slower than the first timeout still arrives: each later try waits longer (1 s, 2 s, then 4 s)', async () => {
  const h = await startHarness({ SLOW_REPLY_MS: '300', DEFENDER_REQUEST_TIMEOUT_SECONDS: '1', DEFENDER_RETRY_ATTEMPTS: '3' });
  try {
    // Every answer takes 3 s: more than the first two tries allow, less than the third.
    h.sim.faults.set({ kind: 'latency', ms: 3000 }, { times: 3 });
    const activity = personalMessage('machines for user1');
    await h.exchange(activity);
    const late = await until(() => h.connector.sent.find((s) => Array.isArray(s.activity.attachments)), 12_000);
    assert.equal(late.activity.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);
    // Each try is a call against the budget, and there are no more than the retry policy allows.
    assert.equal(h.sim.calls.entries().length, 3);
  } finally {
    await h.close();
  }
});

test('when Defender never answers, the card says how long the bot waited in all and over how many tries', async () => {
  const h = await startHarness({ SLOW_REPLY_MS: '300', DEFENDER_REQUEST_TIMEOUT_SECONDS: '1', DEFENDER_RETRY_ATTEMPTS: '3' });
  try {
    h.sim.faults.set({ kind: 'latency', ms: 20_000 }, { times: 3 });
    const started = Date.now();
    await h.exchange(personalMessage('machines for user1'));
    const late = await until(() => h.connector.sent.find((s) => Array.isArray(s.activity.attachments)), 15_000);
    const text = JSON.stringify(late.activity.attachments);
    assert.match(text, /did not answer within 7 s in all \(3 tries, each allowed longer than the one before\)/);
    assert.ok(Date.now() - started < 12_000, 'bounded: 1 + 2 + 4 s and the backoff between tries');
  } finally {
    await h.close();
  }
});
