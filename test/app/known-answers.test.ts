// What a card says for free, over HTTP (Teams-shaped activities in, replies at a local connector, the
// simulated tenant counting every Defender request): after `alerts on <machine>`, that machine's
// Alerts buttons carry the count, and after `who logged onto <machine>`, a response action's
// confirmation names who is logged on — with no Defender call made for either, and only for the
// analyst who looked it up. Without the lookup, nothing is said and nothing is asked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { markdownToPlain } from '../../src/cards/escape';
import { cardOf, cardText, clickOf, personalMessage, startHarness, submitActions, type Harness } from '../../scripts/rig/bot-harness';
import { ELENA, SAM } from '../../scripts/rig/action-fixtures';

const PC1 = facts.SEED_MACHINE_IDS.mymachine1;
const PC1_HOST = 'mymachine1.contoso.com';

type Call = { method: string; endpoint: string | null; path: string };

/**
 * Sends `activity` with the call log cleared: the card it answered with (its one reply, or its one edit
 * of the clicked card), and the Defender requests it made.
 */
async function step(
  h: Harness,
  activity: Record<string, unknown>,
): Promise<{ reply: Record<string, unknown>; card: Record<string, unknown>; calls: Call[] }> {
  h.sim.calls.reset();
  const editsBefore = h.connector.updates.length;
  const replies = await h.exchange(activity);
  const edits = h.connector.updates.slice(editsBefore).map((e) => e.activity as Record<string, unknown>);
  const answers = [...replies, ...edits];
  assert.equal(answers.length, 1, `one reply or edit, got ${replies.length} and ${edits.length}`);
  const reply = answers[0] as Record<string, unknown>;
  return {
    reply,
    card: cardOf(reply),
    calls: h.sim.calls.entries().map((e) => ({ method: e.method, endpoint: e.endpoint, path: decodeURIComponent(e.path) })),
  };
}

/** The titles of the buttons that open alerts: machineAlerts (of `machineId` only, when given), or userAlerts. */
function alertButtonTitles(card: unknown, action: 'machineAlerts' | 'userAlerts', machineId?: string): string[] {
  return submitActions(card)
    .filter((b) => {
      const value = b.data.msteams.value as { action?: string; machineId?: string };
      return value.action === action && (machineId === undefined || value.machineId === machineId);
    })
    .map((b) => b.title);
}

/** The value of the fact titled `title`, wherever it is in the card; undefined when there is none. */
function fact(card: unknown, title: string): string | undefined {
  let found: string | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (typeof n !== 'object' || n === null) return;
    const o = n as Record<string, unknown>;
    if (o.title === title && typeof o.value === 'string' && o.type === undefined) found = o.value;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

/** "14 alerts on mymachine1.contoso.com: 5 open …" → 5. */
function openCount(summary: unknown): number {
  const m = /^\d+ alerts (?:on|for) \S+: (\d+) open/.exec(String(summary));
  assert.ok(m, `a count in ${String(summary)}`);
  return Number(m[1]);
}

describe('alert counts already known (issue 15)', () => {
  let h: Harness;
  before(async () => {
    // The answer cache at its default (60 s): it is what the counts come from.
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('with no lookup before: the machines list has no counts and asks Defender for no alerts', async () => {
    const list = await step(h, personalMessage('machines for user1', ELENA));
    assert.deepEqual(
      list.calls.map((c) => c.path),
      ['/api/users/user1/machines'],
    );
    const rows = alertButtonTitles(list.card, 'machineAlerts');
    assert.ok(rows.length >= 5, `a row button per machine: ${rows.join(', ')}`);
    assert.deepEqual(new Set(rows), new Set(['Alerts']));
    assert.deepEqual(alertButtonTitles(list.card, 'userAlerts'), ["User's alerts"]);
  });

  test("after `alerts on <machine>`, that machine's row and details card show its open count, with no further alerts call; the other rows none", async () => {
    const alerts = await step(h, personalMessage(`alerts on ${PC1_HOST}`, ELENA));
    assert.ok(alerts.calls.some((c) => c.endpoint === 'machines/{id}/alerts'));
    const open = openCount(alerts.reply.summary);
    assert.ok(open > 0, 'the busy machine has open alerts');

    // Then the list, and its Refresh (asked again, past the cache): still no alerts call.
    const first = await step(h, personalMessage('machines for user1', ELENA));
    const refresh = submitActions(first.card).find((b) => b.title === '↻ Refresh');
    assert.ok(refresh, 'the list card has a Refresh button');
    const lists = [first, await step(h, clickOf(refresh, first.reply, personalMessage('', ELENA)))];
    for (const list of lists) {
      assert.deepEqual(
        list.calls.filter((c) => c.endpoint === 'machines/{id}/alerts' || c.endpoint === 'users/{name}/alerts'),
        [],
        'no alerts call for the counts',
      );
      assert.deepEqual(alertButtonTitles(list.card, 'machineAlerts', PC1), [`⚠ ${open}`]);
      const others = submitActions(list.card)
        .filter((b) => (b.data.msteams.value as { action?: string }).action === 'machineAlerts')
        .filter((b) => (b.data.msteams.value as { machineId?: string }).machineId !== PC1)
        .map((b) => b.title);
      assert.ok(others.length >= 4);
      assert.deepEqual(new Set(others), new Set(['Alerts']), 'machines not looked up carry no count');
    }
    assert.deepEqual(
      lists[1]?.calls.map((c) => c.path),
      ['/api/users/user1/machines'],
      'the refresh asked for the list only',
    );

    const details = await step(h, personalMessage(`machine ${PC1}`, ELENA));
    assert.deepEqual(
      details.calls.filter((c) => c.endpoint === 'machines/{id}/alerts'),
      [],
    );
    assert.deepEqual(alertButtonTitles(details.card, 'machineAlerts', PC1), [`Alerts ⚠ ${open}`]);
  });

  test("another analyst's list shows no count from Elena's lookup, and asks for no alerts either", async () => {
    const list = await step(h, personalMessage('machines for user1', SAM));
    assert.deepEqual(
      list.calls.map((c) => c.path),
      ['/api/users/user1/machines'],
      'his own list call, no alerts call',
    );
    assert.deepEqual(new Set(alertButtonTitles(list.card, 'machineAlerts')), new Set(['Alerts']));
    assert.deepEqual(alertButtonTitles(list.card, 'userAlerts'), ["User's alerts"]);
  });

  test('after `alerts for user1`, the user\'s card offers "User\'s ⚠ N" (N open) without another call', async () => {
    const alerts = await step(h, personalMessage('alerts for user1', ELENA));
    assert.deepEqual(
      alerts.calls.map((c) => c.path),
      ['/api/users/user1/alerts'],
    );
    const open = openCount(alerts.reply.summary);
    const list = await step(h, personalMessage('machines for user1', ELENA));
    assert.deepEqual(list.calls, [], 'the list is cached too: nothing asked at all');
    assert.deepEqual(alertButtonTitles(list.card, 'userAlerts'), [`User's ⚠ ${open}`]);
  });
});

describe('who is logged on, already known, on a response action confirmation (issue 16)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ RESPONSE_ACTIONS: 'all' });
  });
  after(async () => {
    await h?.close();
  });

  test('without a lookup before: the confirmation names nobody, and the isolate command asks nobody', async () => {
    const ask = await step(h, personalMessage(`isolate ${PC1_HOST} suspected ransomware INC-31`, SAM));
    assert.match(String(ask.reply.summary), /^Confirm: Isolate/);
    assert.equal(fact(ask.card, 'Logged on'), undefined);
    assert.doesNotMatch(cardText(ask.card), /Logged on/);
    assert.deepEqual(
      ask.calls.filter((c) => c.endpoint === 'machines/{id}/logonusers'),
      [],
    );
  });

  test('after `who logged onto <machine>`, `isolate <machine> <reason>` names those users, with no logons call of its own', async () => {
    const logons = await step(h, personalMessage(`who logged onto ${PC1_HOST}`, ELENA));
    assert.deepEqual(
      logons.calls.filter((c) => c.endpoint === 'machines/{id}/logonusers').map((c) => c.path),
      [`/api/machines/${PC1}/logonusers`],
    );
    const ask = await step(h, personalMessage(`isolate ${PC1_HOST} suspected ransomware INC-32`, ELENA));
    assert.match(String(ask.reply.summary), /^Confirm: Isolate/);
    assert.deepEqual(
      ask.calls.filter((c) => c.endpoint === 'machines/{id}/logonusers'),
      [],
      'the names come from the earlier answer',
    );
    assert.deepEqual(
      ask.calls.filter((c) => c.method === 'POST'),
      [],
    );
    const value = fact(ask.card, 'Logged on');
    assert.ok(value !== undefined, cardText(ask.card));
    const names = markdownToPlain(value).split(', ');
    assert.deepEqual([...names].sort(), [...facts.MYMACHINE1_LOGON_USER_IDS].sort(), 'the three accounts, DOMAIN\\name, no "+N more"');

    // Sam did not look it up: his confirmation for the same device names nobody.
    const sams = await step(h, personalMessage(`isolate ${PC1_HOST} suspected ransomware INC-33`, SAM));
    assert.equal(fact(sams.card, 'Logged on'), undefined);
    assert.deepEqual(
      sams.calls.filter((c) => c.endpoint === 'machines/{id}/logonusers'),
      [],
    );
  });
});
