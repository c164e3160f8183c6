// Alerts over HTTP: Teams-shaped activities in at /api/messages, replies captured at a local connector,
// Defender answered by the simulated tenant. The walk machines → (a row's Alerts, and) Details → Alerts →
// alert details → related user → their machines, with the exact Defender calls of each step; the refusals that make
// no call; and an analyst whose role does not cover a device group never seeing its alerts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { TYPING_DELAY_MS } from '../../src/teams/typing';
import {
  cardOf,
  cardText,
  clickOf,
  personalMessage,
  startHarness,
  submitActions,
  type Harness,
  type SubmitAction,
  apiCalls,
  onlyReply,
} from '../../scripts/rig/bot-harness';

const MYMACHINE1 = facts.SEED_MACHINE_IDS.mymachine1;
const INCIDENT = facts.USER1_INCIDENT;

function button(card: unknown, title: string, predicate: (a: SubmitAction) => boolean = () => true): SubmitAction {
  const found = submitActions(card).find((a) => a.title === title && predicate(a));
  assert.ok(
    found,
    `no "${title}" button in ${submitActions(card)
      .map((a) => a.title)
      .join(', ')}`,
  );
  return found;
}

const carries = (text: string) => (a: SubmitAction) => JSON.stringify(a.data.msteams.value).includes(text);

/** Sends `activity` with the call log cleared; the one reply and the Defender calls it made. */
async function step(h: Harness, activity: Record<string, unknown>): Promise<{ reply: Record<string, unknown>; calls: string[] }> {
  h.sim.calls.reset();
  const reply = onlyReply(await h.exchange(activity));
  return { reply, calls: apiCalls(h) };
}

describe('alerts walk in a personal chat (soc-lead)', () => {
  let h: Harness;
  // Exact calls per step: the per-person cache would answer repeats without one.
  before(async () => {
    h = await startHarness({ RESULT_CACHE_TTL_SECONDS: '0' });
  });
  after(async () => {
    await h.close();
  });

  test("machines for user1 → a row's Alerts; → Details → Alerts → alert details → related user → their machines, one Defender call per step", async () => {
    const machines = await step(h, personalMessage('machines for user1'));
    assert.deepEqual(machines.calls, ['GET /api/users/user1/machines']);

    // The machine list row's Alerts: straight to that machine's alerts, no details call first.
    const fromRow = await step(h, clickOf(button(cardOf(machines.reply), 'Alerts', carries(MYMACHINE1)), machines.reply));
    assert.deepEqual(fromRow.calls, [`GET /api/machines/${MYMACHINE1}/alerts`]);
    assert.match(
      String(fromRow.reply.summary),
      new RegExp(`^${facts.ALERTS_BUSY_MACHINE.alertCount} alerts on mymachine1\\.contoso\\.com: \\d+ open`),
    );

    const details = await step(h, clickOf(button(cardOf(machines.reply), 'Details', carries(MYMACHINE1)), machines.reply));
    assert.deepEqual(details.calls, [`GET /api/machines/${MYMACHINE1}`]);

    const list = await step(h, clickOf(button(cardOf(details.reply), 'Alerts'), details.reply));
    assert.deepEqual(list.calls, [`GET /api/machines/${MYMACHINE1}/alerts`]);
    const listCard = cardOf(list.reply);
    assert.match(
      String(list.reply.summary),
      new RegExp(`^${facts.ALERTS_BUSY_MACHINE.alertCount} alerts on mymachine1\\.contoso\\.com: \\d+ open`),
    );
    assert.match(cardText(listCard), /Page 1 of 2/);
    assert.equal(list.reply.summary, fromRow.reply.summary, 'the row and the details card open the same list');
    assert.match(
      cardText(listCard),
      new RegExp(`incident ${INCIDENT.incidentId}\\]\\(https://security\\.microsoft\\.com/incidents/${INCIDENT.incidentId}`),
    );

    const alert = await step(h, clickOf(button(listCard, 'Details', carries(INCIDENT.alertIds.onMymachine1)), list.reply));
    assert.deepEqual(alert.calls, [`GET /api/alerts/${INCIDENT.alertIds.onMymachine1}`]);
    const alertCard = cardOf(alert.reply);
    assert.match(String(alert.reply.summary), /^High alert, New: /);
    assert.match(cardText(alertCard), /\*\*Severity:\*\* High/);
    assert.ok(cardText(alertCard).includes(String(INCIDENT.incidentId)), 'the incident id is on the card');

    const theirMachines = await step(h, clickOf(button(alertCard, 'Machines for user1'), alert.reply));
    assert.deepEqual(theirMachines.calls, ['GET /api/users/user1/machines']);
    assert.equal(theirMachines.reply.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);

    // And back: the machine on the alert card is one tap from its details.
    const machine = await step(h, clickOf(button(alertCard, 'Machine details'), alert.reply));
    assert.deepEqual(machine.calls, [`GET /api/machines/${MYMACHINE1}`]);
  });

  test('typed: "what alerts does <host> have" looks the host up, then asks for its alerts; Next asks again for page 2', async () => {
    const typed = await step(h, personalMessage('what alerts does mymachine1.contoso.com have'));
    assert.deepEqual(typed.calls, [
      "GET /api/machines?$filter=computerDnsName eq 'mymachine1.contoso.com'&$top=100",
      `GET /api/machines/${MYMACHINE1}/alerts`,
    ]);
    h.sim.calls.reset();
    const editsBefore = h.connector.updates.length;
    const posted = await h.exchange(clickOf(button(cardOf(typed.reply), 'Next (2 of 2) ▶'), typed.reply));
    assert.deepEqual(apiCalls(h), [`GET /api/machines/${MYMACHINE1}/alerts`]);
    // Page 2 replaces the clicked card: one edit of that message, nothing posted.
    assert.deepEqual(posted, []);
    const edits = h.connector.updates.slice(editsBefore);
    assert.deepEqual(
      edits.map((e) => [e.activityId, e.answered]),
      [[typed.reply.id, 200]],
    );
    assert.match(cardText(cardOf(edits[0]?.activity ?? {})), /Page 2 of 2/);
  });

  test('"incidents for user1" lists the alerts that name user1, with their incident ids; "User\'s alerts" on the user\'s card does the same', async () => {
    const typed = await step(h, personalMessage('incidents for user1'));
    assert.deepEqual(typed.calls, ['GET /api/users/user1/alerts']);
    assert.ok(cardText(cardOf(typed.reply)).includes(`incident ${INCIDENT.incidentId}`));
    const machines = await step(h, personalMessage('machines for user1'));
    const clicked = await step(h, clickOf(button(cardOf(machines.reply), "User's alerts"), machines.reply));
    assert.deepEqual(clicked.calls, ['GET /api/users/user1/alerts']);
    assert.equal(clicked.reply.summary, typed.reply.summary);
  });

  test('alerts call Defender like the other lookups: a slow answer gets the typing indicator, and the audit names target and count', async () => {
    h.sim.faults.set({ kind: 'latency', ms: TYPING_DELAY_MS + 500 }, { times: 1 });
    h.connector.reset();
    h.logLines.length = 0;
    await h.exchange(personalMessage('alerts for user1'));
    const kinds = h.connector.sent.map((s) => s.activity.type);
    assert.equal(kinds[0], 'typing', `typing before the card: ${kinds.join(',')}`);
    const audits = h.logLines
      .map((l) => JSON.parse(l) as { audit?: Record<string, unknown> })
      .flatMap((l) => (l.audit === undefined ? [] : [l.audit]));
    assert.equal(audits.length, 1);
    assert.equal(audits[0]?.command, 'alerts');
    assert.equal(audits[0]?.target, 'user1');
    assert.equal(audits[0]?.outcome, 'alerts');
    assert.ok(Number(audits[0]?.resultCount) > 0, JSON.stringify(audits[0]));
  });

  test('an unknown alert id: "not found or not visible with your access", after one call', async () => {
    const { reply, calls } = await step(h, personalMessage(`alert ${facts.UNKNOWN_ALERT_ID}`));
    assert.deepEqual(calls, [`GET /api/alerts/${facts.UNKNOWN_ALERT_ID}`]);
    assert.equal(reply.summary, `Alert not found: ${facts.UNKNOWN_ALERT_ID}`);
    assert.match(cardText(cardOf(reply)), /no such alert, or it is not visible with your access/);
  });

  test('an invalid alert id is refused before any call, typed or from a forged button', async () => {
    const typed = await step(h, personalMessage('alert da123_x'));
    assert.deepEqual(typed.calls, []);
    assert.match(String(typed.reply.summary), /^I can’t use that alert id: that is not a valid alert id/);
    const forged = await step(h, { ...personalMessage('alert ../machines'), value: { action: 'alert', alertId: '../machines' } });
    assert.deepEqual(forged.calls, []);
    assert.match(String(forged.reply.summary), /^I can’t use that alert id/);
  });
});

describe('device-group visibility: analyst-emea never sees alerts of a group their role does not cover', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ RESULT_CACHE_TTL_SECONDS: '0', DEMO_ANALYST: 'analyst-emea' });
  });
  after(async () => {
    await h.close();
  });

  test('not in the user list, not by id, not by the machine', async () => {
    const list = await step(h, personalMessage('alerts for user1'));
    assert.deepEqual(list.calls, ['GET /api/users/user1/alerts']);
    const listJson = JSON.stringify(cardOf(list.reply));
    assert.ok(listJson.includes(INCIDENT.alertIds.onMymachine1), 'sees the alert in a group the role covers');
    for (const hidden of [INCIDENT.alertIds.onHrMachine, facts.USER1_OTHER_ALERTS.onTier0Paw, facts.USER1_OTHER_ALERTS.onUsAppServer]) {
      assert.ok(!listJson.includes(hidden), `${hidden} is not listed`);
    }

    const byId = await step(h, personalMessage(`alert ${INCIDENT.alertIds.onHrMachine}`));
    assert.deepEqual(byId.calls, [`GET /api/alerts/${INCIDENT.alertIds.onHrMachine}`]);
    assert.equal(byId.reply.summary, `Alert not found: ${INCIDENT.alertIds.onHrMachine}`);

    // Straight at the machine's alerts (a button carries its id) …
    const hiddenId = facts.USER1_MACHINE_HIDDEN_FROM_EMEA;
    const click = { ...personalMessage(`alerts on ${hiddenId}`), value: { action: 'machineAlerts', machineId: hiddenId } };
    const byMachine = await step(h, click);
    assert.deepEqual(byMachine.calls, [`GET /api/machines/${hiddenId}/alerts`]);
    assert.equal(byMachine.reply.summary, `Machine not found: ${hiddenId}`);
    // … or by its name, which the lookup does not find for this analyst, so its alerts are never asked for.
    const byName = await step(h, personalMessage(`alerts on ${hiddenId}`));
    assert.ok(byName.calls.length > 0 && byName.calls.every((c) => !c.endsWith('/alerts')), byName.calls.join('\n'));
    assert.equal(byName.reply.summary, `Machine not found: ${hiddenId}`);
  });
});
