// Hostile data end to end: from a Machine/LogonUser/user input, through renderOutcome, to HTML
// rendered by the adaptivecards renderer in jsdom. No data-derived text may become a link, HTML or
// emphasis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import type { Outcome } from '../../src/handlers/outcome';
import { renderCard } from './adaptivecards-harness';
import { markdownFields, submitButtons } from './card-walk';
import { ctx, deviceId, logonUser, logonUsersOutcome, machine, machinesOutcome } from './fixtures';
import { commonMarkish, sharedModelish } from './markdown-sim';

const EVIL = '[click](http://x)';
const evilMachine = machine({
  computerDnsName: EVIL,
  machineTags: ['*bold*', '_it_', '<a href="http://y">y</a>', '`code`', '# h', '> q', '<at>Boss</at>', 'http://z.example'],
  rbacGroupName: '[grp](http://g)',
  osPlatform: '**Win**',
  osVersion: '![i](http://i)',
  lastIpAddress: '<http://ip>',
  healthStatus: '[h](http://h)',
  riskScore: 'High',
  ipAddresses: [{ ipAddress: '[ip](http://ip)', macAddress: '*m*', type: '_t_', operationalStatus: '`s`' }],
});

const OUTCOMES: Array<[string, Outcome]> = [
  ['machines', machinesOutcome([evilMachine], 1, '[u](http://u)')],
  ['machineDetails', { kind: 'machineDetails', machine: evilMachine }],
  [
    'chooseMachine',
    { kind: 'chooseMachine', query: '*[q](http://q)*', purpose: 'logonUsers', candidates: [evilMachine, machine({ n: 2 })] },
  ],
  [
    'logonUsers',
    logonUsersOutcome({ id: deviceId(1), computerDnsName: EVIL }, [
      logonUser({ accountName: '[n](http://n)', accountDomain: '*D*', logonTypes: ['<b>x</b>'], isDomainAdmin: true }),
    ]),
  ],
  ['unknown', { kind: 'unknown', text: `${EVIL} <at>Bot</at> **x**`, suggestions: [{ text: 'machines for user1' }] }],
  ['error machineNotFound', { kind: 'error', error: { kind: 'machineNotFound', query: EVIL } }],
  [
    'error badInput',
    {
      kind: 'error',
      error: { kind: 'badInput', command: 'machinesForUser', part: '[p](http://p)', input: EVIL, reason: '<a href="http://r">r</a>' },
    },
  ],
  ['error mentionUnresolved', { kind: 'error', error: { kind: 'mentionUnresolved', displayName: '<at>Jane</at> [j](http://j)' } }],
  ['error internal', { kind: 'error', error: { kind: 'internal', referenceId: '[r](http://r)' } }],
  ['error forbidden', { kind: 'error', error: { kind: 'forbidden', correlationId: '[c](http://c)' } }],
];

for (const [name, outcome] of OUTCOMES) {
  test(`${name}: data-derived text is escaped in every TextBlock and fact (no link, HTML, emphasis, code, heading, quote)`, () => {
    const { card } = renderOutcome(outcome, ctx());
    for (const field of markdownFields(card)) {
      const cm = commonMarkish(field).constructs.filter((c) => c !== 'emphasis' && c !== 'list');
      assert.deepEqual(cm, [], `CommonMark constructs in ${JSON.stringify(field)}`);
      assert.deepEqual(
        sharedModelish(field).constructs.filter((c) => c === 'link'),
        [],
        `mobile link in ${JSON.stringify(field)}`,
      );
    }
    assert.doesNotMatch(JSON.stringify(markdownFields(card)), /[^\\]\]\(|[^\\]<a |[^\\]<at>/);
  });

  test(`${name}: rendered by adaptivecards in jsdom, the card has no <a> element`, () => {
    const { card } = renderOutcome(outcome, ctx());
    const element = renderCard(card, (md) => commonMarkish(md).html);
    assert.equal(element.querySelectorAll('a').length, 0, element.innerHTML.slice(0, 500));
    assert.equal(element.querySelectorAll('code, h1, h2, blockquote').length, 0);
  });
}

test('emphasis in rendered cards comes only from our own bold markers, never from data', () => {
  const { card } = renderOutcome({ kind: 'machineDetails', machine: evilMachine }, ctx());
  for (const field of markdownFields(card)) {
    // Remove our own **…** around whole values and our bold labels ("**Risk:** "); what is left must have no emphasis.
    const inner = field
      .replace(/^\*\*(.*)\*\*$/, '$1')
      .replace(/^\*\*[A-Z][a-z ]+:\*\* /, '')
      .replace(/\*\*What to do:\*\* /, '');
    // (Our own "- " list of IP addresses is a list, not emphasis.)
    assert.deepEqual(
      commonMarkish(inner).constructs.filter((c) => c !== 'list'),
      [],
      inner,
    );
  }
});

test('positive control: the same renderer does produce <a> for an unescaped link', () => {
  const element = renderCard(
    { type: 'AdaptiveCard', version: '1.2', body: [{ type: 'TextBlock', text: EVIL, wrap: true }] },
    (md) => commonMarkish(md).html,
  );
  assert.equal(element.querySelectorAll('a').length, 1);
});

test('the visible text of an escaped host name is exactly the host name', () => {
  const { card } = renderOutcome({ kind: 'machineDetails', machine: evilMachine }, ctx());
  const element = renderCard(card, (md) => commonMarkish(md).html);
  assert.ok(element.textContent?.includes(EVIL), 'host name readable as typed');
  assert.ok(element.textContent?.includes('<at>Boss</at>'), 'tag readable as typed');
});

test("a messageBack displayText (it becomes the user's own chat message) never carries markup from data", () => {
  for (const [, outcome] of OUTCOMES) {
    for (const b of submitButtons(renderOutcome(outcome, ctx()).card)) {
      if (b.value.action === 'run') continue; // the user's own words, or a command from the parser
      assert.doesNotMatch(b.displayText, /\[|\]|<|>|\*|_|`|~|http/, b.displayText);
    }
  }
  const { card } = renderOutcome(machinesOutcome([evilMachine]), ctx());
  assert.ok(
    submitButtons(card).some((b) => b.displayText === `Details of ${evilMachine.id.slice(0, 8)}…`),
    'falls back to the short id',
  );
});

test('a machine named [click](http://x) is shown as escaped text in its heading and buttons still work', () => {
  const { card } = renderOutcome(machinesOutcome([evilMachine]), ctx());
  assert.ok(markdownFields(card).includes('**\\[click\\]\\(http\\://x\\)**'));
  const details = renderOutcome({ kind: 'machineDetails', machine: evilMachine }, ctx()).card;
  assert.ok(
    markdownFields(details).includes(
      '\\*bold\\*, \\_it\\_, \\<a href="http\\://y"\\>y\\</a\\>, \\`code\\`, \\# h, \\> q, \\<at\\>Boss\\</at\\>, http\\://z.example',
    ),
  );
  // The row's buttons work by id; a name that could act as markup is not carried as their label (the
  // details card names the machine from Defender's record).
  assert.deepEqual(
    submitButtons(card)
      .slice(0, 2)
      .map((b) => b.value),
    [
      { action: 'machineDetails', machineId: evilMachine.id },
      { action: 'machineAlerts', machineId: evilMachine.id },
    ],
  );
  const plainName = renderOutcome(machinesOutcome([{ ...evilMachine, computerDnsName: 'pc9.contoso.com' }]), ctx()).card;
  assert.deepEqual(submitButtons(plainName)[0]?.value, { action: 'machineDetails', machineId: evilMachine.id, label: 'pc9.contoso.com' });
});
