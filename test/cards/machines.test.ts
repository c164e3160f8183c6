// The machines list: one compact row per machine (name; marker and last seen beside Details and Alerts;
// flags; OS · IP), the page the handler cut, and Previous/Next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import { canonicalText } from '../../src/commands/canonical';
import type { ActionValue } from '../../src/commands/types';
import type { Machine } from '../../src/defender/model';
import { PAGE_SIZE } from '../../src/handlers/paging';
import { facts, openUrls, rowButtons, submitButtons, textBlocks, typedNodes } from './card-walk';
import { ctx, deviceId, machine, machines, machinesOutcome, NOW } from './fixtures';

function render(list: Machine[] = machines(3), page = 1, context = ctx()) {
  return renderOutcome(machinesOutcome(list, page), context);
}

/** The rows' names, in card order. */
function names(card: unknown): string[] {
  return textBlocks(card).filter((t) => /^\*\*(pc|[0-9a-f]{8}…)/.test(t));
}

/** [text, color] of every coloured line of the rows: the marker ("● …") and the flags under it. */
function markers(card: unknown): Array<[string, string]> {
  return typedNodes(card)
    .filter((n) => n['type'] === 'TextBlock' && n['color'] !== undefined)
    .map((n) => [String(n['text']), String(n['color'])]);
}

test('machines: the title gives the total for the user and says it is what your access shows', () => {
  const reply = render();
  assert.equal(textBlocks(reply.card)[0], '3 machines for **user1** — as your Defender access shows them');
  assert.equal(reply.summary, '3 machines for user1');
  assert.equal(render([machine()]).summary, '1 machine for user1');
});

test('machines: a row is the host name in bold, the marker and last seen, then OS · last IP; no fact table', () => {
  const card = render([machine()]).card;
  const texts = textBlocks(card);
  const at = texts.indexOf('**pc1.contoso.com**');
  assert.ok(at > 0);
  assert.deepEqual(texts.slice(at, at + 4), ['**pc1.contoso.com**', '● Low risk', '**seen 2 h ago**', 'Windows 11 22H2 · 10.0.0.1']);
  assert.deepEqual(facts(card), []);
});

test('machines: a machine not seen for a day is not in bold; one without data says so', () => {
  const old = render([machine({ lastSeen: '2026-11-01T00:00:00Z' })], 1).card;
  assert.deepEqual(textBlocks(old).slice(3, 6), ['● Low risk', 'seen 22 d ago', 'Windows 11 22H2 · 10.0.0.1']);
  const bare = render([{ id: deviceId(7), machineTags: [], ipAddresses: [], lastSeen: 'not a date' }]).card;
  assert.deepEqual(textBlocks(bare).slice(2, 5), [`**${deviceId(7).slice(0, 8)}…**`, '● Risk unknown', 'No OS, last-seen or IP data']);
});

test('machines: the marker says the risk and the line under it an unhealthy sensor or odd record, in words, both coloured by the worst', () => {
  const card = render([
    machine({ n: 1, riskScore: 'High', healthStatus: 'ImpairedCommunication' }),
    machine({ n: 2, riskScore: 'Medium' }),
    machine({ n: 3, riskScore: 'Low', healthStatus: 'NoSensorData' }),
    machine({ n: 4, riskScore: 'None', isPotentialDuplication: true }),
    machine({ n: 5, riskScore: 'Low', mergedIntoMachineId: deviceId(9) }),
    machine({ n: 6, riskScore: 'Informational' }),
  ]).card;
  assert.deepEqual(markers(card), [
    ['● High risk', 'attention'],
    ['Impaired communication', 'attention'],
    ['● Medium risk', 'warning'],
    ['● Low risk', 'warning'],
    ['No sensor data', 'warning'],
    ['● No known risk', 'warning'],
    ['Possible duplicate', 'warning'],
    ['● Low risk', 'warning'],
    ['Merged record', 'warning'],
    ['● Informational risk', 'good'],
  ]);
});

test('machines: highest risk first, then most recently seen, undated last; the card says so', () => {
  const list = [
    machine({ n: 1, lastSeen: '2026-11-20T00:00:00Z', riskScore: 'Low' }),
    machine({ n: 2, lastSeen: undefined, riskScore: 'High' }),
    machine({ n: 3, lastSeen: '2026-11-23T11:00:00Z', riskScore: 'Low' }),
    machine({ n: 4, lastSeen: '2026-11-23T11:00:00Z', riskScore: 'High' }),
    machine({ n: 5, lastSeen: '2026-11-23T11:30:00Z', riskScore: 'Medium' }),
  ];
  const card = render(list).card;
  assert.deepEqual(
    names(card),
    [4, 2, 5, 3, 1].map((n) => `**pc${n}.contoso.com**`),
  );
  assert.equal(textBlocks(card)[1], 'Highest risk first, then most recently seen.');
});

test("machines: each row has Details and Alerts with the machine id, label and canonical text; then the user's alerts; no links", () => {
  const [m1, m2] = [
    machine({ n: 1, lastSeen: '2026-11-23T11:00:00Z' }),
    machine({ n: 2, lastSeen: '2026-11-23T10:00:00Z', computerDnsName: undefined }),
  ];
  assert.ok(m1 && m2);
  const card = render([m1, m2]).card;
  const details1: ActionValue = { action: 'machineDetails', machineId: m1.id, label: 'pc1.contoso.com' };
  const alerts1: ActionValue = { action: 'machineAlerts', machineId: m1.id, label: 'pc1.contoso.com' };
  // No host name: the button names the machine by id only, and shows its short id.
  const details2: ActionValue = { action: 'machineDetails', machineId: m2.id };
  const alerts2: ActionValue = { action: 'machineAlerts', machineId: m2.id };
  const short2 = `${m2.id.slice(0, 8)}…`;
  const userAlerts: ActionValue = { action: 'userAlerts', user: 'user1' };
  assert.deepEqual(
    rowButtons(card).map((b) => [b.title, b.value, b.text, b.displayText]),
    [
      ['Details', details1, canonicalText(details1), 'Details of pc1.contoso.com'],
      ['Alerts', alerts1, `alerts on ${m1.id}`, 'Alerts on pc1.contoso.com'],
      ['Details', details2, canonicalText(details2), `Details of ${short2}`],
      ['Alerts', alerts2, `alerts on ${m2.id}`, `Alerts on ${short2}`],
      ["User's alerts", userAlerts, 'alerts for user user1', 'Alerts for user1'],
    ],
  );
  assert.deepEqual(openUrls(card), [], 'the portal link is on the details card');
});

test('machines: Refresh asks for this page again, fresh from Defender, into the same card', () => {
  const refresh = submitButtons(render(machines(PAGE_SIZE * 2 + 3), 2).card).filter((b) => b.value.refresh === true);
  assert.deepEqual(
    refresh.map((b) => [b.title, b.value, b.text, b.displayText]),
    [
      [
        '↻ Refresh',
        { action: 'machinesForUser', user: 'user1', page: 2, inPlace: true, refresh: true },
        'machines for user1 page 2',
        'Refresh: Machines for user1, page 2',
      ],
    ],
  );
});

test('machines: a list that fits one page has no paging buttons', () => {
  const reply = render(machines(PAGE_SIZE));
  assert.equal(rowButtons(reply.card).filter((b) => b.value.action === 'machinesForUser').length, 0);
  assert.doesNotMatch(JSON.stringify(reply.card), /Page \d+ of/);
});

test('machines: page 1 of 3 offers Next only, with page 2', () => {
  const reply = render(machines(PAGE_SIZE * 2 + 3), 1);
  const paging = rowButtons(reply.card).filter((b) => b.value.action === 'machinesForUser');
  assert.deepEqual(
    paging.map((b) => [b.title, b.value, b.text]),
    [['Next (2 of 3) ▶', { action: 'machinesForUser', user: 'user1', page: 2, inPlace: true }, 'machines for user1 page 2']],
  );
  assert.ok(textBlocks(reply.card).includes(`Page 1 of 3 · 1–${PAGE_SIZE} · highest risk first, then most recently seen`));
  assert.equal(reply.summary, `${PAGE_SIZE * 2 + 3} machines for user1 (page 1 of 3)`);
  assert.equal(
    textBlocks(reply.card)[0],
    `${PAGE_SIZE * 2 + 3} machines for **user1** — as your Defender access shows them`,
    'title gives the total',
  );
});

test('machines: a middle page offers Previous and Next; the last page Previous only, with its remaining items', () => {
  const list = machines(PAGE_SIZE * 2 + 3);
  const middle = rowButtons(render(list, 2).card).filter((b) => b.value.action === 'machinesForUser');
  assert.deepEqual(
    middle.map((b) => b.value),
    [
      { action: 'machinesForUser', user: 'user1', inPlace: true },
      { action: 'machinesForUser', user: 'user1', page: 3, inPlace: true },
    ],
  );
  assert.equal(middle[0]?.text, 'machines for user1', 'back to page 1 reads like the original command');
  const last = render(list, 3);
  assert.deepEqual(
    rowButtons(last.card)
      .filter((b) => b.value.action === 'machinesForUser')
      .map((b) => b.value),
    [{ action: 'machinesForUser', user: 'user1', page: 2, inPlace: true }],
  );
  assert.equal(names(last.card).length, 3);
  const line = `Page 3 of 3 · ${PAGE_SIZE * 2 + 1}–${PAGE_SIZE * 2 + 3} · highest risk first, then most recently seen`;
  assert.ok(textBlocks(last.card).includes(line));
});

test('machines: a page-out-of-range outcome is the error card, with the first and last pages as ways back', () => {
  const list = { kind: 'machines', userName: 'user1' } as const;
  const reply = renderOutcome({ kind: 'error', error: { kind: 'pageOutOfRange', page: 3, pages: 2, list } }, ctx());
  assert.equal(reply.summary, 'There is no page 3');
  assert.match(JSON.stringify(reply.card), /That list has 2 pages/);
  assert.deepEqual(
    submitButtons(reply.card).map((b) => [b.title, b.value]),
    [
      ['First page', { action: 'machinesForUser', user: 'user1', inPlace: true }],
      ['Last page (2)', { action: 'machinesForUser', user: 'user1', page: 2, inPlace: true }],
    ],
  );
});

test('machines: "last seen" is relative to ctx.now', () => {
  const later = ctx({ now: new Date(NOW.getTime() + 3 * 86_400_000) });
  assert.ok(textBlocks(render([machine()], 1, later).card).includes('seen 3 d ago'));
});
