// Response actions across three bot processes on one real redis-server (scripts/rig/replicas.ts):
// the pending confirmation lives in Redis, so a card made on one replica is confirmed on another,
// and of Confirm clicks landing on every replica at once exactly one sends the POST (counted at the
// simulated tenant) while the others are refused and audited. Machine labels sealed by one replica
// are trusted by the others (one shared label-seal key).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardOf, cardText, clickOf, personalMessage, submitActions, type SubmitAction } from '../../scripts/rig/bot-harness';
import { startReplicaSet, type ReplicaSet } from '../../scripts/rig/replicas';
import { ELENA, SAM, ACTION_MACHINE as MACHINE, confirmationButtons, actionPosts } from '../../scripts/rig/action-fixtures';

/**
 * Shared state, not the fallback, is under test: on a busy machine (2 shared cores) a Redis reply can
 * take over the default 500 ms, and a replica that turned degraded dedups and confirms only locally.
 */
const PATIENT_REDIS = { REDIS_TIMEOUT_MS: '3000' };

function repliesTo(set: ReplicaSet, activityId: unknown): Array<Record<string, unknown>> {
  return set.connector.sent.filter((s) => s.replyToId === activityId && s.activity.type === 'message').map((s) => s.activity);
}

interface AuditLine {
  step: string;
  refusal?: string;
  pendingId?: string;
  approver?: { name: string };
}

/** The response-action audit lines each replica logged (index = replica). */
function audits(set: ReplicaSet): AuditLine[][] {
  return set.replicas.map((r) =>
    r
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { audit?: AuditLine & { kind: string } })
      .flatMap((l) => (l.audit?.kind === 'action' ? [l.audit] : [])),
  );
}

/**
 * The audit lines of one request once `ready` holds for them: a replica's log reaches this process
 * through a pipe, a moment after its HTTP answer.
 */
async function auditsOf(set: ReplicaSet, pendingId: string, ready: (lines: AuditLine[]) => boolean): Promise<AuditLine[][]> {
  const end = Date.now() + 5000;
  for (;;) {
    const lines = audits(set).map((replica) => replica.filter((a) => a.pendingId === pendingId));
    if (ready(lines.flat()) || Date.now() > end) return lines;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asks on replica `on` and returns the id and Confirm button of its confirmation card. */
async function ask(set: ReplicaSet, text: string, on: number): Promise<{ pendingId: string; confirm: SubmitAction }> {
  const activity = personalMessage(text, ELENA);
  assert.equal(await set.post(activity, on), 200);
  const [reply] = repliesTo(set, activity.id);
  assert.ok(reply, 'a confirmation card');
  const { confirm } = confirmationButtons(cardOf(reply));
  const pendingId = (confirm.data.msteams.value as { id?: unknown }).id;
  assert.equal(typeof pendingId, 'string');
  return { pendingId: String(pendingId), confirm };
}

describe('response actions on three replicas sharing one Redis', () => {
  let set: ReplicaSet;
  before(async () => {
    set = await startReplicaSet({
      replicas: 3,
      env: { ...PATIENT_REDIS, RESPONSE_ACTIONS: 'all', RESPONSE_ACTION_POLL_MS: '150' },
      sim: { actionTimings: { inProgressAfterMs: 300, doneAfterMs: 900 } },
    });
  });
  after(async () => {
    await set?.close();
  });

  test('a confirmation card made on replica A and confirmed on replica B sends exactly one POST', async () => {
    const { pendingId, confirm } = await ask(set, `isolate ${MACHINE} INC-31 beaconing`, 0);
    const before = actionPosts(set.sim).length;
    assert.equal(before, 0, 'no POST before Confirm');
    const click = clickOf(confirm, {}, personalMessage('', ELENA));
    assert.equal(await set.post(click, 1), 200);
    const sent = actionPosts(set.sim).slice(before);
    assert.equal(sent.length, 1, JSON.stringify(sent));
    assert.match(sent[0]?.path ?? '', new RegExp(`/api/machines/${MACHINE}/isolate$`));
    assert.equal(sent[0]?.status, 201);
    assert.match(cardText(cardOf(repliesTo(set, click.id)[0] ?? {})), /Isolate .*: Pending/);
    const logged = await auditsOf(set, pendingId, (lines) => lines.some((a) => a.step === 'sent'));
    const confirmed = logged.map((lines) => lines.filter((a) => a.step === 'confirmed').length);
    assert.deepEqual(confirmed, [0, 1, 0], 'confirmed on replica B, only there');
  });

  test('the same Confirm tapped on all three replicas at once sends exactly one POST; the two losers are refused and audited', async () => {
    const { pendingId, confirm } = await ask(set, `release ${MACHINE} INC-32 cleaned`, 2);
    const before = actionPosts(set.sim).length;
    const taps = [0, 1, 2].map(() => clickOf(confirm, {}, personalMessage('', ELENA)));
    const statuses = await Promise.all(taps.map((tap, i) => set.post(tap, i)));
    assert.deepEqual(statuses, [200, 200, 200]);
    const sent = actionPosts(set.sim).slice(before);
    assert.equal(sent.length, 1, JSON.stringify(sent));
    assert.match(sent[0]?.path ?? '', new RegExp(`/api/machines/${MACHINE}/unisolate$`));
    const lines = (
      await auditsOf(set, pendingId, (all) => all.filter((a) => a.step === 'refused').length >= 2 && all.some((a) => a.step === 'sent'))
    ).flat();
    assert.equal(lines.filter((a) => a.step === 'confirmed').length, 1);
    assert.equal(lines.filter((a) => a.step === 'sent').length, 1);
    assert.equal(lines.filter((a) => a.step === 'refused' && a.refusal === 'notOpen').length, 2, JSON.stringify(lines));
    const answers = taps.map((tap) => cardText(cardOf(repliesTo(set, tap.id)[0] ?? {})));
    assert.equal(answers.filter((t) => /Release from isolation .*: Pending/.test(t)).length, 1, answers.join('\n---\n'));
  });

  test('one Confirm activity redelivered to all three replicas at once sends one POST and gets one answer', async () => {
    const { confirm } = await ask(set, `scan ${MACHINE} quick INC-33 triage`, 1);
    const before = actionPosts(set.sim).length;
    const click = clickOf(confirm, {}, personalMessage('', ELENA));
    const statuses = await Promise.all([0, 1, 2].map((i) => set.post(click, i)));
    assert.deepEqual(statuses, [200, 200, 200]);
    assert.equal(actionPosts(set.sim).slice(before).length, 1);
    const replies = repliesTo(set, click.id);
    assert.equal(replies.length, 1, JSON.stringify(replies.map((r) => (r.attachments === undefined ? r.text : cardText(cardOf(r))))));
  });

  test('a machine label sealed on replica A is shown when its button is clicked on replica B', async () => {
    const details = personalMessage(`machine ${MACHINE}`, ELENA);
    await set.post(details, 0);
    const card = cardOf(repliesTo(set, details.id)[0] ?? {});
    const whoLoggedOn = submitActions(card).find((a) => a.title === 'Who logged on');
    assert.ok(whoLoggedOn, cardText(card));
    assert.match(String((whoLoggedOn.data.msteams.value as { ls?: unknown }).ls), /^[0-9a-f]{16}$/);
    for (const on of [1, 2]) {
      const click = clickOf(whoLoggedOn, {}, personalMessage('', ELENA));
      await set.post(click, on);
      assert.match(String(repliesTo(set, click.id)[0]?.summary), /logged on to mymachine1\.contoso\.com$/, `on replica ${on}`);
    }
  });
});

describe('four-eyes on three replicas sharing one Redis', () => {
  let set: ReplicaSet;
  before(async () => {
    set = await startReplicaSet({
      replicas: 3,
      env: { ...PATIENT_REDIS, RESPONSE_ACTIONS: 'all', RESPONSE_ACTIONS_APPROVAL: 'second-analyst' },
    });
  });
  after(async () => {
    await set?.close();
  });

  test('requested on A, self-approval refused on B leaves it open; two approvals at once on A and C send one POST, approved by the second analyst', async () => {
    const { pendingId, confirm } = await ask(set, `isolate ${MACHINE} INC-34 lateral movement`, 0);
    const self = clickOf(confirm, {}, personalMessage('', ELENA));
    await set.post(self, 1);
    assert.match(cardText(cardOf(repliesTo(set, self.id)[0] ?? {})), /Elena Brandt cannot approve their own request/);
    assert.equal(actionPosts(set.sim).length, 0);
    const approvals = [0, 2].map(() => clickOf(confirm, {}, personalMessage('', SAM)));
    await Promise.all([set.post(approvals[0] ?? {}, 0), set.post(approvals[1] ?? {}, 2)]);
    const sent = actionPosts(set.sim);
    assert.equal(sent.length, 1, JSON.stringify(sent));
    const lines = (
      await auditsOf(set, pendingId, (all) => all.filter((a) => a.step === 'refused').length >= 2 && all.some((a) => a.step === 'sent'))
    ).flat();
    assert.deepEqual(
      lines
        .filter((a) => a.step === 'refused')
        .map((a) => a.refusal)
        .sort(),
      ['notOpen', 'selfApproval'],
    );
    const sentLine = lines.filter((a) => a.step === 'sent');
    assert.equal(sentLine.length, 1);
    assert.equal(sentLine[0]?.approver?.name, 'Sam Okafor', 'approved (and sent) as the second analyst');
  });
});
