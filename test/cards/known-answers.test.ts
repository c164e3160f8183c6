// What the cards say with answers the asker already had (../../src/handlers/known-answers.ts): a count
// on the Alerts buttons, who is logged on in a response action's confirmation; and nothing without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import { markdownToPlain } from '../../src/cards/escape';
import type { LogonUser } from '../../src/defender/model';
import { facts, rowButtons, textBlocks } from './card-walk';
import { ctx, logonUser, machine, machinesOutcome, pendingAction } from './fixtures';

const [M1, M2, M3] = [1, 2, 3].map((n) => machine({ n, lastSeen: `2026-11-23T1${n}:00:00Z` }));

function alertTitles(card: unknown): Array<[string, string]> {
  return rowButtons(card)
    .filter((b) => b.value.action === 'machineAlerts' || b.value.action === 'userAlerts')
    .map((b) => [b.value.action === 'userAlerts' ? 'user' : String((b.value as { machineId?: string }).machineId), b.title]);
}

test('machines: a known count of open alerts replaces that machine\'s Alerts label (⚠ 2, ⚠ 0, 99+ past 99); unknown ones keep "Alerts"', () => {
  assert.ok(M1 && M2 && M3);
  const outcome = {
    ...machinesOutcome([M1, M2, M3]),
    alertCounts: {
      machines: new Map([
        [M1.id, { open: 2, total: 5 }],
        [M2.id, { open: 0, total: 0 }],
      ]),
    },
  };
  const card = renderOutcome(outcome, ctx()).card;
  assert.deepEqual(
    new Map(alertTitles(card)),
    new Map([
      [M1.id, '⚠ 2'],
      [M2.id, '⚠ 0'],
      [M3.id, 'Alerts'],
      ['user', "User's alerts"],
    ]),
  );
  const many = renderOutcome(
    { ...machinesOutcome([M1]), alertCounts: { machines: new Map([[M1.id, { open: 140, total: 300 }]]), user: { open: 0, total: 4 } } },
    ctx(),
  ).card;
  assert.deepEqual(
    new Map(alertTitles(many)),
    new Map([
      [M1.id, '⚠ 99+'],
      ['user', "User's ⚠ 0"],
    ]),
  );
});

test('machine details: a known count is on its Alerts button; without one the button is plain "Alerts"', () => {
  assert.ok(M1);
  const counted = renderOutcome({ kind: 'machineDetails', machine: M1, alertCount: { open: 3, total: 3 } }, ctx()).card;
  assert.deepEqual(alertTitles(counted), [[M1.id, 'Alerts ⚠ 3']]);
  const plain = renderOutcome({ kind: 'machineDetails', machine: M1 }, ctx()).card;
  assert.deepEqual(alertTitles(plain), [[M1.id, 'Alerts']]);
});

function confirmation(loggedOn?: LogonUser[]) {
  return renderOutcome(
    { kind: 'actionConfirm', request: pendingAction(), machine: machine({ n: 1 }), ...(loggedOn === undefined ? {} : { loggedOn }) },
    ctx(),
  );
}

/**
 * Who is logged on as the card says it (markdown): the "Logged on" fact, or the line below the facts
 * when a name is too long to sit unbroken in a fact; undefined when the card says nothing of it.
 */
function loggedOnShown(card: unknown): { where: 'fact' | 'below'; value: string } | undefined {
  const fact = facts(card).find((f) => f.title === 'Logged on');
  if (fact !== undefined) return { where: 'fact', value: fact.value };
  const line = textBlocks(card).find((t) => t.startsWith('**Logged on:** '));
  return line === undefined ? undefined : { where: 'below', value: line.slice('**Logged on:** '.length) };
}

test('confirmation: who is logged on, most recent first, three names then "+N more"; nothing said when not looked up', () => {
  const users = ['alice', 'bob', 'carol', 'dave', 'erin'].map((name, i) =>
    logonUser({ id: `contoso\\${name}`, accountName: name, accountDomain: 'CONTOSO', lastSeen: `2026-11-2${i}T10:00:00Z` }),
  );
  const known = confirmation(users);
  const shown = loggedOnShown(known.card);
  assert.equal(shown?.where, 'fact');
  assert.equal(markdownToPlain(shown?.value ?? ''), 'CONTOSO\\erin, CONTOSO\\dave, CONTOSO\\carol +2 more');
  assert.match(known.fallbackText, /Logged on: CONTOSO\\erin, CONTOSO\\dave, CONTOSO\\carol \+2 more/);

  assert.equal(markdownToPlain(loggedOnShown(confirmation([users[0] as LogonUser]).card)?.value ?? ''), 'CONTOSO\\alice');
  assert.deepEqual(loggedOnShown(confirmation([]).card), { where: 'fact', value: 'nobody' }, 'an empty answer is said');
  const unknown = confirmation();
  assert.equal(loggedOnShown(unknown.card), undefined);
  assert.doesNotMatch(JSON.stringify(unknown.card), /Logged on/);
});

test('confirmation: an account too long for a fact puts the names below the facts, whole up to 32 characters, in the fallback too', () => {
  const users = [
    logonUser({ id: 'c\\a', accountName: 'alexandra.johansson', accountDomain: 'CONTOSO', lastSeen: '2026-11-23T10:00:00Z' }),
    logonUser({
      id: 'c\\l',
      accountName: 'a.very.long.service.account.name.indeed',
      accountDomain: 'CONTOSO',
      lastSeen: '2026-11-22T10:00:00Z',
    }),
  ];
  const reply = confirmation(users);
  const shown = loggedOnShown(reply.card);
  assert.equal(shown?.where, 'below');
  const names = markdownToPlain(shown?.value ?? '').split(', ');
  assert.deepEqual(names, ['CONTOSO\\alexandra.johansson', `${'CONTOSO\\a.very.long.service.acco'.slice(0, 31)}…`]);
  assert.equal(Array.from(names[1] ?? '').length, 32);
  assert.ok(reply.fallbackText.includes(`Logged on: ${names.join(', ')}`));
});

test('confirmation: account names are escaped like other API data', () => {
  for (const hostile of [
    logonUser({ id: 'x\\evil', accountName: '[click](https://e.io) **b**', accountDomain: 'E' }),
    logonUser({ id: 'x\\evil', accountName: '<b>x</b>', accountDomain: 'E' }),
  ]) {
    const value = loggedOnShown(confirmation([hostile]).card)?.value ?? '';
    assert.equal(markdownToPlain(value), `E\\${hostile.accountName}`, 'shown as sent');
    assert.doesNotMatch(value, /(?<!\\)\[click\]\(/, 'no live link');
    assert.doesNotMatch(value, /(?<!\\)\*\*/, 'no live bold');
    assert.doesNotMatch(value, /(?<!\\)</, 'no live HTML');
  }
});
