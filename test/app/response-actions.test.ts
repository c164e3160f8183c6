// Response actions end to end over HTTP: the real bot (startBot, demo identity) posting to a local
// connector, the simulated Defender tenant counting every POST. Nothing is sent before Confirm; one
// confirmed request is exactly one POST whatever the clicks do; every click that may not send sends
// nothing and leaves an audit line; the card follows the action to Succeeded in place.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { facts } from '../../src/simulator';
import { cardOf, cardText, clickOf, personalMessage, startHarness, type Harness, type SubmitAction } from '../../scripts/rig/bot-harness';
import { waitFor } from '../../scripts/rig/production-rig';
import {
  ELENA,
  SAM,
  ACTION_MACHINE as MACHINE,
  FAST_ACTIONS as FAST,
  ACTIONS_ON as ENV,
  actionPosts,
  askForAction,
} from '../../scripts/rig/action-fixtures';

interface ActionAuditLine {
  kind: 'action';
  step: string;
  refusal?: string;
  pendingId?: string;
  actionId?: string;
  status?: string;
  requester?: { name: string };
  approver?: { name: string };
  reason?: string;
}

function actionAudits(h: Harness): ActionAuditLine[] {
  return h.logLines
    .map((l) => JSON.parse(l) as { audit?: { kind: string } })
    .flatMap((l) => (l.audit?.kind === 'action' ? [l.audit as ActionAuditLine] : []));
}

async function click(
  h: Harness,
  button: SubmitAction,
  who: Record<string, unknown> = ELENA,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const activity = clickOf(button, {}, personalMessage('', who));
  const value = { ...(activity.value as Record<string, unknown>), ...extra };
  const replies = await h.exchange({ ...activity, value });
  return replies.map((r) => cardText(cardOf(r))).join('\n');
}

describe('response actions, one analyst confirms', () => {
  let h: Harness;
  let offsetMs = 0;
  before(async () => {
    h = await startHarness(ENV, FAST, { now: () => new Date(Date.now() + offsetMs) });
  });
  after(async () => {
    await h?.close();
  });

  test('asking sends nothing: the card names the action, device, reason and consequences; its buttons carry only an opaque id', async () => {
    const { card, confirm, cancel } = await askForAction(h, `isolate ${MACHINE} suspected ransomware INC-1`);
    const text = cardText(card);
    assert.match(text, /Isolate mymachine1/);
    assert.match(text, /lose network access except to Defender/);
    assert.match(text, /suspected ransomware INC-1/);
    assert.equal(actionPosts(h.sim).length, 0, 'no POST before Confirm');
    assert.deepEqual(Object.keys(confirm.data.msteams.value as object).sort(), ['action', 'id']);
    assert.deepEqual(Object.keys(cancel.data.msteams.value as object).sort(), ['action', 'id']);
    assert.equal((confirm as unknown as { style?: string }).style, 'destructive');
    assert.deepEqual(
      actionAudits(h).map((a) => a.step),
      ['requested'],
    );
  });

  test('double taps, a redelivered click and concurrent clicks send exactly one POST, as the clicker, and the card reaches Succeeded in place', async () => {
    const { confirm } = await askForAction(h, `release ${MACHINE} INC-2 cleaned`);
    const before = actionPosts(h.sim).length;
    const first = clickOf(confirm, {}, personalMessage('', ELENA));
    // The same activity twice (Teams redelivery), two more taps and three at the same time.
    const results = await Promise.all([
      h.exchange(first),
      h.post(first),
      h.exchange(clickOf(confirm, {}, personalMessage('', ELENA))),
      h.exchange(clickOf(confirm, {}, personalMessage('', ELENA))),
      h.exchange(clickOf(confirm, {}, personalMessage('', ELENA))),
    ]);
    await h.exchange(clickOf(confirm, {}, personalMessage('', ELENA)));
    const sent = actionPosts(h.sim).slice(before);
    assert.equal(sent.length, 1, JSON.stringify(sent));
    assert.match(sent[0]?.path ?? '', new RegExp(`/api/machines/${MACHINE}/unisolate$`));
    assert.equal(sent[0]?.status, 201);
    const statusCards = h.connector.sent.filter((s) => /Release from isolation .*: Pending/.test(cardText(cardOf(s.activity))));
    assert.equal(statusCards.length, 1, 'one status card');
    assert.equal(results[1], 200, 'the redelivery is accepted (and dropped)');
    // Follow-up: the same message is edited until Defender says Succeeded.
    const replyId = statusCards[0]?.id;
    const final = await waitFor(
      () => h.connector.updated.find((u) => /: Succeeded/.test(cardText(cardOf(u.activity)))),
      8000,
      'the card updated to Succeeded',
    );
    assert.equal(final.activityId, replyId);
    // The audit line follows the edit; under load it may land a moment later.
    const last = await waitFor(
      () =>
        actionAudits(h)
          .filter((a) => a.step === 'finalStatus')
          .at(-1),
      5000,
      'the final status audit line',
    );
    assert.equal(last.status, 'Succeeded');
    const refusals = actionAudits(h).filter((a) => a.step === 'refused' && a.refusal === 'notOpen');
    assert.equal(refusals.length, 4, 'each losing tap (not the redelivery, which is dropped) is refused and audited');
  });

  test('forged, edited, cancelled, stale and cross-user confirmations send nothing and each is an audit line', async () => {
    const before = actionPosts(h.sim).length;
    const refusedBefore = actionAudits(h).filter((a) => a.step === 'refused').length;
    const { confirm } = await askForAction(h, `scan ${MACHINE} quick INC-3`);
    // forged: an id the bot never issued
    assert.match(
      await click(h, { ...confirm, data: { msteams: { ...confirm.data.msteams, value: { action: 'confirmAction', id: randomUUID() } } } }),
      /Nothing to confirm/,
    );
    // edited: the right id with a machine smuggled in
    assert.match(await click(h, confirm, ELENA, { machineId: 'f'.repeat(40) }), /did not come from a confirmation card/);
    // cross-user: without four-eyes only the requester confirms
    assert.match(await click(h, confirm, SAM), /Only Elena Brandt, who asked for it/);
    // cross-conversation: the requester's own click, posted into another chat
    const elsewhere = { ...ELENA, conversation: { conversationType: 'groupChat', id: '19:other-chat@thread.v2', tenantId: 'x' } };
    assert.match(await click(h, confirm, elsewhere), /Confirm in the conversation where the action was requested/);
    // cancelled, then confirmed
    const cancelled = await askForAction(h, `scan ${MACHINE} full INC-4`);
    assert.match(await click(h, cancelled.cancel), /Cancelled: Antivirus scan/);
    assert.match(await click(h, cancelled.confirm), /Nothing to confirm/);
    // stale: the bot's clock moves past RESPONSE_ACTION_CONFIRM_MINUTES (10)
    offsetMs = 11 * 60_000;
    try {
      assert.match(await click(h, confirm), /Expired — ask again: Antivirus scan/);
    } finally {
      offsetMs = 0;
    }
    assert.equal(actionPosts(h.sim).length, before, 'none of them sent anything');
    const refusals = actionAudits(h)
      .filter((a) => a.step === 'refused')
      .slice(refusedBefore)
      .map((a) => a.refusal);
    assert.deepEqual(refusals, ['notOpen', 'tampered', 'notRequester', 'otherConversation', 'notOpen', 'expired']);
    assert.ok(actionAudits(h).some((a) => a.step === 'cancelled'));
  });

  test('a missing reason is asked for on the card, and the typed one is what Defender records', async () => {
    const { card, confirm } = await askForAction(h, `collect investigation package ${MACHINE}`);
    assert.ok(JSON.stringify(card).includes('"Input.Text"'), 'a reason box');
    const before = actionPosts(h.sim).length;
    assert.match(await click(h, confirm), /A reason is needed/);
    assert.equal(actionPosts(h.sim).length, before);
    assert.match(await click(h, confirm, ELENA, { reason: 'legal hold INC-5' }), /Collect investigation package .*: Pending/);
    const action = actionAudits(h).find((a) => a.step === 'sent' && a.reason === 'legal hold INC-5');
    assert.ok(action?.actionId);
  });

  test('a second request of the same kind while one runs shows the one in progress; the details card says the device is isolated', async () => {
    const a = await askForAction(h, `restrict apps ${MACHINE} INC-6`);
    const b = await askForAction(h, `restrict apps ${MACHINE} INC-6 again`);
    // Both at once, so the first is surely still running when the second arrives (it takes 0.9 s here).
    const answers = await Promise.all([click(h, a.confirm), click(h, b.confirm)]);
    assert.equal(answers.filter((t) => /Restrict app execution .*: (Pending|In progress)/.test(t)).length, 2, answers.join('\n---\n'));
    assert.equal(answers.filter((t) => /already had this restrict app execution in progress/.test(t)).length, 1);
    assert.equal(actionAudits(h).filter((x) => x.step === 'alreadyInProgress').length, 1);

    const iso = await askForAction(h, `isolate ${MACHINE} INC-7`);
    await click(h, iso.confirm);
    await waitFor(() => (h.sim.isolatedSince(MACHINE) === undefined ? undefined : true), 5000, 'the simulated isolation');
    const [details] = await h.exchange(personalMessage(`machine ${MACHINE}`, ELENA));
    assert.ok(details);
    assert.match(cardText(cardOf(details)), /Isolated since/);
  });
});

describe('response actions with four-eyes approval', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ ...ENV, RESPONSE_ACTIONS_APPROVAL: 'second-analyst' }, FAST);
  });
  after(async () => {
    await h?.close();
  });

  test('the requester cannot approve; another analyst can, and the Comment records both', async () => {
    const { card, confirm } = await askForAction(h, `isolate ${MACHINE} selective INC-8 beaconing`);
    assert.match(cardText(card), /Needs a second analyst/);
    assert.match(await click(h, confirm), /Elena Brandt cannot approve their own request/);
    assert.equal(actionPosts(h.sim).length, 0);
    assert.match(await click(h, confirm, SAM), /Isolate .*: Pending/);
    assert.equal(actionPosts(h.sim).length, 1);
    const sent = actionAudits(h).find((a) => a.step === 'sent');
    assert.equal(sent?.requester?.name, 'Elena Brandt');
    assert.equal(sent?.approver?.name, 'Sam Okafor');
    // What Defender recorded: the simulated tenant's action, read back through the status command.
    const [status] = await h.exchange(personalMessage(`action status ${sent?.actionId}`, SAM));
    assert.ok(status);
    assert.match(cardText(cardOf(status)), /requested by Elena Brandt, approved by Sam Okafor via Teams: INC-8 beaconing/);
    assert.deepEqual(
      actionAudits(h)
        .filter((a) => a.step === 'refused')
        .map((a) => a.refusal),
      ['selfApproval'],
    );
  });
});

describe('response actions refused before anything is sent', () => {
  test('not configured: the command says the admins have not enabled it, and the refusal is audited', async () => {
    const h = await startHarness({}, FAST);
    try {
      const [reply] = await h.exchange(personalMessage(`isolate ${MACHINE} INC-9`, ELENA));
      assert.ok(reply);
      assert.match(cardText(cardOf(reply)), /Isolate is not enabled[\s\S]*admins have not enabled/);
      assert.equal(actionPosts(h.sim).length, 0);
      assert.deepEqual(
        actionAudits(h).map((a) => `${a.step}:${a.refusal}`),
        ['refused:disabled'],
      );
    } finally {
      await h.close();
    }
  });

  test('an analyst without the remediation role: Defender answers 403 and the card names the role and permission', async () => {
    const h = await startHarness({ ...ENV, DEMO_ANALYST: 'analyst-us' }, FAST);
    try {
      const id = facts.USER1_EXTRA_MACHINES.usAppServer.id;
      const { confirm } = await askForAction(h, `isolate ${id} INC-10`);
      const answer = await click(h, confirm);
      assert.match(answer, /Active remediation actions/);
      assert.match(answer, /Machine\.Isolate/);
      assert.deepEqual(
        actionPosts(h.sim).map((p) => p.status),
        [403],
      );
      assert.ok(actionAudits(h).some((a) => a.step === 'refused' && a.refusal === 'forbidden'));
    } finally {
      await h.close();
    }
  });
});
