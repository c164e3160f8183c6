import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGE_SIZE, renderOutcome } from '../../src/cards';
import type { LogonUser } from '../../src/defender/model';
import type { MachineLabel } from '../../src/handlers/outcome';
import { facts, openUrls, submitButtons, textBlocks } from './card-walk';
import { ctx, deviceId, logonUser, logonUsers, PORTAL, TENANT } from './fixtures';

const PC1: MachineLabel = { id: deviceId(1), computerDnsName: 'pc1.contoso.com' };

function render(users: LogonUser[], page = 1, machine: MachineLabel = PC1, context = ctx()) {
  return renderOutcome({ kind: 'logonUsers', machine, users, page }, context);
}

test('logon users: the title gives the count and the machine host name (or its id when that is all we have)', () => {
  const reply = render(logonUsers(12));
  assert.equal(textBlocks(reply.card)[0], '12 accounts logged on to **pc1.contoso.com**');
  assert.equal(reply.summary, '12 accounts logged on to pc1.contoso.com (page 1 of 2)');
  assert.equal(render([logonUser()], 1, { id: deviceId(1) }).summary, `1 account logged on to ${deviceId(1).slice(0, 8)}…`);
});

test('logon users: each account shows DOMAIN\\name, logon types, last and first seen', () => {
  const card = render([logonUser()]).card;
  assert.ok(textBlocks(card).includes('**CONTOSO\\\\user1**'), 'the backslash is escaped for markdown');
  assert.deepEqual(facts(card), [
    { title: 'Logon types', value: 'Interactive, Network' },
    { title: 'Last seen', value: '1 h ago (2026-11-23 11:00 UTC)' },
    { title: 'First seen', value: '53 d ago (2026-10-01 07:00 UTC)' },
    { title: 'Logged on to', value: '3 machines' },
  ]);
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

test('logon users: network-only accounts are flagged', () => {
  const card = render([logonUser({ isOnlyNetworkUser: true })]).card;
  assert.deepEqual(
    facts(card).find((f) => f.title === 'Network only'),
    { title: 'Network only', value: 'Yes (network logons only)' },
  );
  assert.equal(facts(render([logonUser({ isOnlyNetworkUser: false })]).card).some((f) => f.title === 'Network only'), false);
});

test('logon users: "Machines for this user" posts machinesForUser with the bare account name', () => {
  const buttons = submitButtons(render([logonUser()]).card);
  assert.deepEqual(
    buttons.map((b) => [b.title, b.value, b.text, b.displayText]),
    [['Machines for this user', { action: 'machinesForUser', user: 'user1' }, 'machines for user1', 'Machines for user1']],
  );
});

test('logon users: "Open in Defender" is the user page with every parameter URL-encoded, and is left out without a SID', () => {
  const card = render([logonUser({ accountName: 'jane doe', accountDomain: 'CONTOSO&CO' })]).card;
  assert.deepEqual(openUrls(card), [
    {
      title: 'Open in Defender',
      url: `${PORTAL}/user?sid=S-1-5-21-1111111111-2222222222-3333333333-1001&accountName=jane%20doe&accountDomain=CONTOSO%26CO&tid=${TENANT}`,
    },
  ]);
  assert.deepEqual(openUrls(render([logonUser({ accountSid: undefined })]).card), []);
  assert.deepEqual(
    openUrls(render([logonUser()], 1, PC1, ctx({ tenantId: undefined })).card).map((l) => l.url),
    [`${PORTAL}/user?sid=S-1-5-21-1111111111-2222222222-3333333333-1001&accountName=user1&accountDomain=CONTOSO`],
  );
});

test('logon users: paging buttons keep the machine id and label, and appear only when needed', () => {
  assert.equal(submitButtons(render(logonUsers(PAGE_SIZE)).card).filter((b) => b.value.action === 'logonUsers').length, 0);
  const page2 = submitButtons(render(logonUsers(PAGE_SIZE + 2), 2).card).filter((b) => b.value.action === 'logonUsers');
  assert.deepEqual(
    page2.map((b) => [b.value, b.text]),
    [[{ action: 'logonUsers', machineId: PC1.id, label: 'pc1.contoso.com' }, `who logged onto ${PC1.id}`]],
  );
});

test('logon users: most recent logon first', () => {
  const names = textBlocks(render([logonUser({ accountName: 'old', lastSeen: '2026-01-01T00:00:00Z' }), logonUser({ accountName: 'new' })]).card).filter((t) =>
    t.startsWith('**CONTOSO'),
  );
  assert.deepEqual(names, ['**CONTOSO\\\\new**', '**CONTOSO\\\\old**']);
});

test('logon users: none recorded says so and offers the machine details', () => {
  const reply = render([]);
  assert.equal(reply.summary, 'No logons recorded on pc1.contoso.com');
  assert.deepEqual(
    submitButtons(reply.card).map((b) => b.value),
    [{ action: 'machineDetails', machineId: PC1.id, label: 'pc1.contoso.com' }],
  );
});

test('logon users: a page beyond the end is the page-out-of-range card', () => {
  const reply = render(logonUsers(3), 2);
  assert.equal(reply.summary, 'There is no page 2');
  assert.deepEqual(
    submitButtons(reply.card).map((b) => b.value),
    [{ action: 'logonUsers', machineId: PC1.id, label: 'pc1.contoso.com' }],
  );
});
