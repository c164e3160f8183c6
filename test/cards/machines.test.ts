import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGE_SIZE, renderOutcome } from '../../src/cards';
import { canonicalText } from '../../src/commands/canonical';
import type { ActionValue } from '../../src/commands/types';
import { facts, openUrls, submitButtons, textBlocks } from './card-walk';
import { ctx, deviceId, machine, machines, NOW, PORTAL, TENANT } from './fixtures';

function render(list = machines(3), page = 1, context = ctx()) {
  return renderOutcome({ kind: 'machines', userName: 'user1', machines: list, page }, context);
}

test('machines: the title gives the total for the user and says it is what your access shows', () => {
  const reply = render();
  assert.equal(textBlocks(reply.card)[0], '3 machines for **user1** — as your Defender access shows them');
  assert.equal(reply.summary, '3 machines for user1');
  assert.equal(render([machine()]).summary, '1 machine for user1');
});

test('machines: each machine shows host name in bold, health, risk, exposure, OS, last seen relative and absolute, IP, group, tags', () => {
  const card = render([machine({ machineTags: ['finance', 'vip'] })]).card;
  assert.ok(textBlocks(card).includes('**pc1.contoso.com**'));
  assert.deepEqual(facts(card), [
    { title: 'Health', value: 'Active' },
    { title: 'Risk', value: 'Low' },
    { title: 'Exposure', value: 'Medium' },
    { title: 'OS', value: 'Windows11 22H2' },
    { title: 'Last seen', value: '2 h ago (2026-11-23 09:12 UTC)' },
    { title: 'Last IP', value: '10.0.0.1' },
    { title: 'Device group', value: 'Finance workstations' },
    { title: 'Tags', value: 'finance, vip' },
  ]);
});

test('machines: missing values are left out of the facts, never shown as null/undefined', () => {
  const card = render([{ id: deviceId(7), machineTags: [], ipAddresses: [], healthStatus: 'Active', lastSeen: 'not a date' }]).card;
  assert.deepEqual(facts(card), [{ title: 'Health', value: 'Active' }]);
  assert.ok(textBlocks(card).includes(`**${deviceId(7).slice(0, 8)}…**`), 'a machine without a host name is named by its short id');
});

test('machines: high risk and a health other than Active are flagged in words, not colour alone', () => {
  const card = render([machine({ n: 1, riskScore: 'High', healthStatus: 'Inactive' }), machine({ n: 2 })]).card;
  const flags = textBlocks(card).filter((t) => t.startsWith('⚠'));
  assert.deepEqual(flags, ['⚠ High risk · ⚠ Health: Inactive']);
});

test('machines: Who logged on, Details and Open in Defender buttons carry the right values, canonical texts and link', () => {
  const m = machine({ n: 1 });
  const card = render([m]).card;
  const buttons = submitButtons(card);
  const who: ActionValue = { action: 'logonUsers', machineId: m.id, label: 'pc1.contoso.com' };
  const details: ActionValue = { action: 'machineDetails', machineId: m.id, label: 'pc1.contoso.com' };
  assert.deepEqual(
    buttons.map((b) => [b.title, b.value, b.text, b.displayText]),
    [
      ['Who logged on', who, canonicalText(who), 'Who logged on to pc1.contoso.com'],
      ['Details', details, canonicalText(details), 'Details of pc1.contoso.com'],
    ],
  );
  assert.deepEqual(openUrls(card), [{ title: 'Open in Defender', url: `${PORTAL}/machines/v2/${m.id}/overview?tid=${TENANT}` }]);
});

test('machines: the portal link has no ?tid= without a tenant, and the id is URL-encoded', () => {
  const card = render([machine({ id: 'odd id/1' })], 1, ctx({ tenantId: undefined, portalBaseUrl: 'https://security.microsoft.us/' })).card;
  assert.deepEqual(openUrls(card).map((l) => l.url), ['https://security.microsoft.us/machines/v2/odd%20id%2F1/overview']);
});

test('machines: listed most recently seen first, undated last', () => {
  const list = [
    machine({ n: 1, lastSeen: '2026-11-20T00:00:00Z' }),
    machine({ n: 2, lastSeen: undefined }),
    machine({ n: 3, lastSeen: '2026-11-23T11:00:00Z' }),
  ];
  const names = textBlocks(render(list).card).filter((t) => t.startsWith('**pc'));
  assert.deepEqual(names, ['**pc3.contoso.com**', '**pc1.contoso.com**', '**pc2.contoso.com**']);
});

test('machines: a list that fits one page has no paging buttons', () => {
  const reply = render(machines(PAGE_SIZE));
  assert.equal(submitButtons(reply.card).filter((b) => b.value.action === 'machinesForUser').length, 0);
  assert.doesNotMatch(JSON.stringify(reply.card), /Page \d+ of/);
});

test('machines: page 1 of 3 offers Next only, with page 2', () => {
  const reply = render(machines(PAGE_SIZE * 2 + 3), 1);
  const paging = submitButtons(reply.card).filter((b) => b.value.action === 'machinesForUser');
  assert.deepEqual(paging.map((b) => [b.title, b.value, b.text]), [['Next (2 of 3) ▶', { action: 'machinesForUser', user: 'user1', page: 2 }, 'machines for user1 page 2']]);
  assert.ok(textBlocks(reply.card).includes(`Page 1 of 3 · 1–${PAGE_SIZE} · most recently seen first`));
  assert.equal(reply.summary, `${PAGE_SIZE * 2 + 3} machines for user1 (page 1 of 3)`);
  assert.equal(textBlocks(reply.card)[0], `${PAGE_SIZE * 2 + 3} machines for **user1** — as your Defender access shows them`, 'title gives the total');
});

test('machines: a middle page offers Previous and Next; the last page Previous only, with its remaining items', () => {
  const list = machines(PAGE_SIZE * 2 + 3);
  const middle = submitButtons(render(list, 2).card).filter((b) => b.value.action === 'machinesForUser');
  assert.deepEqual(
    middle.map((b) => b.value),
    [
      { action: 'machinesForUser', user: 'user1' },
      { action: 'machinesForUser', user: 'user1', page: 3 },
    ],
  );
  assert.equal(middle[0]?.text, 'machines for user1', 'back to page 1 reads like the original command');
  const last = render(list, 3);
  assert.deepEqual(
    submitButtons(last.card).filter((b) => b.value.action === 'machinesForUser').map((b) => b.value),
    [{ action: 'machinesForUser', user: 'user1', page: 2 }],
  );
  assert.equal(textBlocks(last.card).filter((t) => t.startsWith('**pc')).length, 3);
  assert.ok(textBlocks(last.card).includes(`Page 3 of 3 · ${PAGE_SIZE * 2 + 1}–${PAGE_SIZE * 2 + 3} · most recently seen first`));
});

test('machines: each page shows a different slice and together they show every machine once', () => {
  const list = machines(PAGE_SIZE * 2 + 3);
  const seen = [1, 2, 3].flatMap((p) => textBlocks(render(list, p).card).filter((t) => t.startsWith('**pc')));
  assert.equal(seen.length, list.length);
  assert.equal(new Set(seen).size, list.length);
});

test('machines: a page beyond the end is the page-out-of-range card, with ways back', () => {
  const reply = render(machines(PAGE_SIZE + 1), 3);
  assert.equal(reply.summary, 'There is no page 3');
  assert.match(JSON.stringify(reply.card), /That list has 2 pages/);
  assert.deepEqual(
    submitButtons(reply.card).map((b) => b.value),
    [
      { action: 'machinesForUser', user: 'user1' },
      { action: 'machinesForUser', user: 'user1', page: 2 },
    ],
  );
  assert.equal(render(machines(2), 0).summary, 'There is no page 0');
});

test('machines: tags beyond ten are counted, not dropped', () => {
  const tags = Array.from({ length: 20 }, (_, i) => `tag${i + 1}`);
  const value = facts(render([machine({ machineTags: tags })]).card).find((f) => f.title === 'Tags')?.value;
  assert.equal(value, `${tags.slice(0, 10).join(', ')} (+10 more, see Details)`);
});

test('machines: "last seen" is relative to ctx.now', () => {
  const later = ctx({ now: new Date(NOW.getTime() + 3 * 86_400_000) });
  const value = facts(render([machine()], 1, later).card).find((f) => f.title === 'Last seen')?.value;
  assert.equal(value, '3 d ago (2026-11-23 09:12 UTC)');
});
