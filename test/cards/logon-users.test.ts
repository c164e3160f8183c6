// The logon-users list: one compact row per account (account, domain-admin marker, last logon · logon
// types · machines, one Machines button), the page the handler cut, and Previous/Next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import type { LogonUser } from '../../src/defender/model';
import type { MachineLabel } from '../../src/handlers/outcome';
import { PAGE_SIZE } from '../../src/handlers/paging';
import { facts, openUrls, rowButtons, submitButtons, textBlocks } from './card-walk';
import { ctx, deviceId, logonUser, logonUsers, logonUsersOutcome } from './fixtures';

const PC1: MachineLabel = { id: deviceId(1), computerDnsName: 'pc1.contoso.com' };

function render(users: LogonUser[], page = 1, machine: MachineLabel = PC1, context = ctx()) {
  return renderOutcome(logonUsersOutcome(machine, users, page), context);
}

test('logon users: the title gives the count and the machine host name (or its id when that is all we have)', () => {
  const reply = render(logonUsers(12));
  assert.equal(textBlocks(reply.card)[0], '12 accounts logged on to **pc1.contoso.com** — as your Defender access shows them');
  assert.equal(textBlocks(reply.card)[1], 'Page 1 of 2 · 1–10 · most recent logon first');
  assert.equal(reply.summary, '12 accounts logged on to pc1.contoso.com (page 1 of 2)');
  assert.equal(render([logonUser()], 1, { id: deviceId(1) }).summary, `1 account logged on to ${deviceId(1).slice(0, 8)}…`);
});

test('logon users: a row is DOMAIN\\name in bold, then last logon · logon types (human words) · machines; no fact table', () => {
  const card = render([logonUser({ logonTypes: ['RemoteInteractive', 'Network'] })]).card;
  const texts = textBlocks(card);
  const at = texts.indexOf('**CONTOSO\\\\user1**');
  assert.ok(at > 0, 'the backslash is escaped for markdown');
  assert.equal(texts[at + 1], 'last logon 1 h ago · Remote interactive, Network · on 3 machines');
  assert.deepEqual(facts(card), []);
});

test('logon users: the domain-admin marker is shown (in words) exactly for domain admins', () => {
  const card = render([
    logonUser({ accountName: 'admin1', id: 'contoso\\admin1', isDomainAdmin: true }),
    logonUser({ accountName: 'user2', id: 'contoso\\user2', isDomainAdmin: false }),
    logonUser({ accountName: 'user3', id: 'contoso\\user3', isDomainAdmin: undefined }),
  ]).card;
  const texts = textBlocks(card);
  assert.equal(texts.filter((t) => t === '⚠ Domain admin').length, 1);
  assert.equal(texts[texts.indexOf('⚠ Domain admin') - 1], '**CONTOSO\\\\admin1**', 'the marker sits under the admin account');
});

test('logon users: network-only accounts are said so', () => {
  assert.ok(textBlocks(render([logonUser({ isOnlyNetworkUser: true })]).card).some((t) => t.includes('· network logons only ·')));
  assert.equal(
    textBlocks(render([logonUser({ isOnlyNetworkUser: false })]).card).some((t) => t.includes('network logons only')),
    false,
  );
});

test('logon users: "Machines" posts machinesForUser with the bare account name; there is no portal link on the list', () => {
  const card = render([logonUser()]).card;
  assert.deepEqual(
    rowButtons(card).map((b) => [b.title, b.value, b.text, b.displayText]),
    [['Machines', { action: 'machinesForUser', user: 'user1' }, 'machines for user1', 'Machines for user1']],
  );
  assert.deepEqual(openUrls(card), []);
});

test('logon users: Refresh asks for this page again, fresh, into the same card, keeping the machine id and label', () => {
  const refresh = submitButtons(render(logonUsers(PAGE_SIZE + 2), 2).card).filter((b) => b.value.refresh === true);
  assert.deepEqual(
    refresh.map((b) => [b.title, b.value, b.text]),
    [
      [
        '↻ Refresh',
        { action: 'logonUsers', machineId: PC1.id, label: 'pc1.contoso.com', page: 2, inPlace: true, refresh: true },
        `who logged onto ${PC1.id} page 2`,
      ],
    ],
  );
});

test('logon users: paging buttons keep the machine id and label, and appear only when needed', () => {
  assert.equal(rowButtons(render(logonUsers(PAGE_SIZE)).card).filter((b) => b.value.action === 'logonUsers').length, 0);
  const page2 = rowButtons(render(logonUsers(PAGE_SIZE + 2), 2).card).filter((b) => b.value.action === 'logonUsers');
  assert.deepEqual(
    page2.map((b) => [b.value, b.text]),
    [[{ action: 'logonUsers', machineId: PC1.id, label: 'pc1.contoso.com', inPlace: true }, `who logged onto ${PC1.id}`]],
  );
});

test('logon users: most recent logon first', () => {
  const names = textBlocks(
    render([logonUser({ accountName: 'old', lastSeen: '2026-01-01T00:00:00Z' }), logonUser({ accountName: 'new' })]).card,
  ).filter((t) => t.startsWith('**CONTOSO'));
  assert.deepEqual(names, ['**CONTOSO\\\\new**', '**CONTOSO\\\\old**']);
});

test('logon users: none recorded says so and offers the machine details', () => {
  const reply = render([]);
  assert.equal(reply.summary, 'No logons recorded on pc1.contoso.com');
  assert.deepEqual(
    rowButtons(reply.card).map((b) => b.value),
    [{ action: 'machineDetails', machineId: PC1.id, label: 'pc1.contoso.com' }],
  );
});

test('logon users: a page-out-of-range outcome of a one-page list offers the list again', () => {
  const list = { kind: 'logonUsers', machine: PC1 } as const;
  const reply = renderOutcome({ kind: 'error', error: { kind: 'pageOutOfRange', page: 2, pages: 1, list } }, ctx());
  assert.equal(reply.summary, 'There is no page 2');
  assert.deepEqual(
    submitButtons(reply.card).map((b) => [b.title, b.value]),
    [['Show the list', { action: 'logonUsers', machineId: PC1.id, label: 'pc1.contoso.com', inPlace: true }]],
  );
});

test('logon users: an account without a usable name gets no button and no empty button column', () => {
  const card = render([logonUser({ accountName: '', id: 'contoso\\ghost' })]).card;
  assert.deepEqual(rowButtons(card), []);
  // The one ActionSet in the body is the Refresh at the foot.
  assert.equal(JSON.stringify(card.body).split('"ActionSet"').length - 1, 1);
});
