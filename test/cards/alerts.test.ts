// The alert list and alert details cards: order and counts, colours, buttons, links, escaping and
// safe shortening of text written by detections and people.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import { markdownToPlain } from '../../src/cards/escape';
import { SHORT_DESCRIPTION } from '../../src/cards/view-models/alert-details';
import { alert, alertId, alerts, alertsOutcome, driftedAlert, hostileAlert, MACHINE_SUBJECT, USER_SUBJECT } from './alert-fixtures';
import { openUrls, rowButtons, submitButtons, textBlocks } from './card-walk';
import { ctx, PORTAL, TENANT } from './fixtures';

function list(outcome: ReturnType<typeof alertsOutcome>) {
  return renderOutcome(outcome, ctx());
}

test('alert list: open alerts come first, resolved ones are counted in the header and collapsed to one line', () => {
  const reply = list(alertsOutcome(MACHINE_SUBJECT, alerts(6)));
  const texts = textBlocks(reply.card);
  assert.equal(reply.summary, '6 alerts on pc1.contoso.com: 4 open, +2 resolved');
  assert.equal(texts[1], '4 open, +2 resolved · Open first, then most recent activity.');
  const markers = texts.filter((t) => t.startsWith('● ') || t.startsWith('✓ '));
  assert.deepEqual(
    markers.map((m) => m.slice(0, 1)),
    ['●', '●', '●', '●', '✓', '✓'],
  );
  // A resolved row has no meta line: marker, title and its button only.
  const resolvedTitle = texts[texts.indexOf(markers[4] ?? '') + 1];
  assert.equal(resolvedTitle, "'Mimikatz' credential theft tool");
});

test('alert list: severity in words and colour, status, category, last activity relative and UTC, incident and portal links', () => {
  const reply = list(alertsOutcome(MACHINE_SUBJECT, [alert({ n: 2, severity: 'Medium', status: 'InProgress' })]));
  const json = JSON.stringify(reply.card);
  assert.ok(json.includes('{"type":"TextBlock","text":"● Medium · In progress","color":"warning"'), json);
  const meta = textBlocks(reply.card).find((t) => t.startsWith('Credential access'));
  assert.equal(meta, `Credential access · 2 h ago (10:00 UTC) · [incident 4101](${PORTAL}/incidents/4101?tid=${TENANT})`);
  assert.ok(
    textBlocks(reply.card).includes(`**['Mimikatz' credential theft tool](${PORTAL}/alerts/${alertId(2)}?tid=${TENANT})**`),
    'the title opens the alert in Defender',
  );
  assert.ok(json.includes('"color":"attention"') === false, 'no High alert, no attention colour');
  assert.ok(JSON.stringify(list(alertsOutcome(MACHINE_SUBJECT, [alert()])).card).includes('"text":"● High · New","color":"attention"'));
});

test('alert list: one Details button per alert that opens it by id; the machine list offers its details, the user list their machines', () => {
  const machineList = list(alertsOutcome(MACHINE_SUBJECT, alerts(2)));
  assert.deepEqual(
    rowButtons(machineList.card).map((b) => [b.title, b.text]),
    [
      ['Details', `alert ${alertId(1)}`],
      ['Details', `alert ${alertId(2)}`],
      ['Machine details', `machine ${'00000001'.repeat(5)}`],
    ],
  );
  assert.deepEqual(openUrls(machineList.card), [
    { title: 'Open in Defender', url: `${PORTAL}/machines/v2/${'00000001'.repeat(5)}/overview?tid=${TENANT}` },
  ]);
  const userList = list(alertsOutcome(USER_SUBJECT, alerts(1)));
  assert.deepEqual(
    rowButtons(userList.card).map((b) => [b.title, b.text]),
    [
      ['Details', `alert ${alertId(1)}`],
      ['Machines', 'machines for user1'],
    ],
  );
  assert.ok(
    textBlocks(userList.card).some((t) => t.includes(' · on pc1.contoso.com · ')),
    'a user list names each alert’s machine',
  );
});

test('alert list: paged like the other lists, Next and Previous carry the list', () => {
  const page2 = list(alertsOutcome(USER_SUBJECT, alerts(14), 2));
  assert.deepEqual(
    submitButtons(page2.card)
      .filter((b) => b.title.startsWith('◀'))
      .map((b) => [b.value, b.text]),
    [[{ action: 'userAlerts', user: 'user1', inPlace: true }, 'alerts for user user1']],
  );
  const page1 = list(alertsOutcome(MACHINE_SUBJECT, alerts(14)));
  assert.deepEqual(
    submitButtons(page1.card)
      .filter((b) => b.title.startsWith('Next'))
      .map((b) => b.value),
    [{ action: 'machineAlerts', machineId: '00000001'.repeat(5), label: 'pc1.contoso.com', page: 2, inPlace: true }],
  );
});

test('alert list: an empty list says so for a machine and for a user, without error colour', () => {
  assert.equal(list(alertsOutcome(MACHINE_SUBJECT, [])).summary, 'No alerts on pc1.contoso.com');
  const user = list(alertsOutcome(USER_SUBJECT, []));
  assert.equal(user.summary, 'No alerts for user1');
  assert.ok(textBlocks(user.card).some((t) => t.includes('can’t tell these apart')));
});

test('alert details: every field the analyst needs, the verdict coloured, buttons to the machine and the related user, portal links', () => {
  const a = alert();
  const reply = renderOutcome({ kind: 'alertDetails', alert: a }, ctx());
  const texts = textBlocks(reply.card);
  assert.equal(reply.summary, "High alert, New: 'Mimikatz' credential theft tool");
  for (const line of ['**Severity:** High', '**Status:** New', '**Classification:** True positive: Malware']) {
    assert.ok(texts.includes(line), line);
  }
  const facts = JSON.stringify(reply.card);
  for (const fact of [
    'Detection source',
    'First event',
    'Last event',
    'Machine',
    'Related user',
    'Logged-on users',
    'MITRE techniques',
    'Assigned to',
    'Incident',
  ]) {
    assert.ok(facts.includes(`"title":"${fact}"`), fact);
  }
  assert.ok(facts.includes('"value":"CONTOSO\\\\\\\\user1, CONTOSO\\\\\\\\adm-jdoe"'), 'logged-on users, escaped');
  assert.ok(facts.includes('{"title":"Detection source","value":"Antivirus"}'), "the portal's name for WindowsDefenderAv");
  assert.deepEqual(
    rowButtons(reply.card).map((b) => [b.title, b.text]),
    [
      ['Machine details', `machine ${'00000001'.repeat(5)}`],
      ['Machines for user1', 'machines for user1'],
    ],
  );
  assert.deepEqual(openUrls(reply.card), [
    { title: 'Open in Defender', url: `${PORTAL}/alerts/${a.id}?tid=${TENANT}` },
    { title: 'Incident 4101', url: `${PORTAL}/incidents/4101?tid=${TENANT}` },
  ]);
});

test('alert details: a long description is shortened, the whole of it one tap away; neither cut splits an escape', () => {
  const description = `${'x'.repeat(SHORT_DESCRIPTION - 2)}_*[more](http://evil)\nSecond paragraph.`;
  const reply = renderOutcome({ kind: 'alertDetails', alert: alert({ description }) }, ctx());
  const texts = textBlocks(reply.card);
  const short = texts[texts.indexOf('Description') + 1] ?? '';
  assert.equal(markdownToPlain(short), `${'x'.repeat(SHORT_DESCRIPTION - 2)}_…`);
  assert.ok(short.endsWith('\\_…'), short);
  const json = JSON.stringify(reply.card);
  assert.ok(json.includes('"type":"Action.ShowCard","title":"Full description"'));
  assert.ok(texts.includes('Second paragraph.'), 'the full description is in the card behind the button');
  assert.ok(
    texts.some((t) => t.endsWith('\\_\\*\\[more\\]\\(http\\://evil\\)')),
    'markup in the description is escaped',
  );
});

test('alert details and list: hostile text never acts as markup, and every shown string stays within its cap', () => {
  const hostile = hostileAlert(3);
  for (const reply of [
    renderOutcome({ kind: 'alertDetails', alert: hostile }, ctx()),
    list(alertsOutcome(USER_SUBJECT, [hostile, hostileAlert(4)])),
  ]) {
    for (const t of textBlocks(reply.card)) {
      // Our own links: "[incident 4101](portal)" and the title "**[…](portal/alerts/…)**".
      const withoutOurLinks = t
        .replace(/\[incident \d+\]\(https:\/\/security\.microsoft\.com\/[^)\s]+\)/g, '')
        .replace(/^\*\*\[(.*)\]\(https:\/\/security\.microsoft\.com\/alerts\/[^)\s]+\)\*\*$/, '$1');
      assert.doesNotMatch(withoutOurLinks, /(?<!\\)\[[^\]]*(?<!\\)\]\(/, t);
      assert.doesNotMatch(withoutOurLinks, /(?<!\\)<at>|(?<!\\)<b>/, t);
      assert.doesNotMatch(t, /\$\{secret\}/, 'templating never expands data');
    }
  }
  // The related user '[x](http://y)' can act as markup, so the button names nobody rather than it.
  const buttons = submitButtons(renderOutcome({ kind: 'alertDetails', alert: hostile }, ctx()).card);
  assert.ok(buttons.some((b) => b.title === 'Machines for the user' && b.displayText === 'Machines for this user'));
});

test('alert details: values the API never documented are shown in words, missing ones are left out', () => {
  const reply = renderOutcome({ kind: 'alertDetails', alert: driftedAlert(5) }, ctx());
  const texts = textBlocks(reply.card);
  assert.ok(texts.includes('**Severity:** Critical'));
  assert.ok(texts.includes('**Status:** In progress review'));
  assert.ok(texts.includes('**Classification:** Something new: Apt'));
  assert.deepEqual(rowButtons(reply.card), [], 'no machine, no user: no buttons but Refresh');
  assert.doesNotMatch(JSON.stringify(reply.card), /undefined|null|\$\{/);
});

test('alert cards: Refresh asks Defender again for the same page or alert, into the card it is on', () => {
  const refreshOf = (card: unknown) =>
    submitButtons(card)
      .filter((b) => b.value.refresh === true)
      .map((b) => b.value);
  assert.deepEqual(refreshOf(list(alertsOutcome(USER_SUBJECT, alerts(14), 2)).card), [
    { action: 'userAlerts', user: 'user1', page: 2, inPlace: true, refresh: true },
  ]);
  const a = alerts(1)[0];
  assert.ok(a);
  assert.deepEqual(refreshOf(renderOutcome({ kind: 'alertDetails', alert: a }, ctx()).card), [
    { action: 'alert', alertId: a.id, inPlace: true, refresh: true },
  ]);
});
