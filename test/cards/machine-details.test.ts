import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import type { Machine } from '../../src/defender/model';
import { facts, openUrls, submitButtons, textBlocks } from './card-walk';
import { bareMachine, ctx, deviceId, machine, PORTAL, TENANT } from './fixtures';

function render(m: Machine) {
  return renderOutcome({ kind: 'machineDetails', machine: m }, ctx());
}

test('machine details: every known field is shown', () => {
  const card = render(machine({ isPotentialDuplication: true, mergedIntoMachineId: deviceId(2) })).card;
  assert.deepEqual(facts(card).map((f) => f.title), [
    'Device id',
    'Health',
    'Risk',
    'Exposure',
    'Device value',
    'Onboarding',
    'Last seen',
    'First seen',
    'OS',
    'OS version',
    'OS build',
    'Processor',
    'Last IP',
    'External IP',
    'Device group',
    'Sensor version',
    'Antivirus',
    'Managed by',
    'Entra joined',
    'Entra device id',
    'Possible duplicate',
    'Merged into',
    // the IP address list
    '10.0.0.1',
    'fe80::1',
  ]);
  const f = Object.fromEntries(facts(card).map((x) => [x.title, x.value]));
  assert.equal(f['Device group'], 'Finance workstations (id 140)');
  assert.equal(f['Processor'], 'x64, 64-bit');
  assert.equal(f['OS build'], '22621');
  assert.equal(f['Entra joined'], 'Yes');
  assert.equal(f['10.0.0.1'], 'MAC 00-15-5D-01-02-03 · Ethernet · Up');
  assert.ok(textBlocks(card).includes('finance, vip'), 'tags');
  assert.ok(textBlocks(card).includes('**pc1.contoso.com**'));
});

test('machine details: with only an id, nothing missing is shown and no "null", "undefined" or "NaN" appears', () => {
  const reply = render(bareMachine(9));
  assert.deepEqual(facts(reply.card), [{ title: 'Device id', value: deviceId(9) }]);
  assert.doesNotMatch(JSON.stringify(reply), /null|undefined|NaN/);
  assert.equal(textBlocks(reply.card).includes('Tags'), false);
  assert.equal(textBlocks(reply.card).includes('IP addresses'), false);
});

test('machine details: invalid dates and a NaN build are left out', () => {
  const card = render(machine({ lastSeen: '2026-13-45T99:00:00Z', firstSeen: 'yesterday', osBuild: Number.NaN })).card;
  const titles = facts(card).map((f) => f.title);
  for (const t of ['Last seen', 'First seen', 'OS build']) assert.equal(titles.includes(t), false, t);
  assert.doesNotMatch(JSON.stringify(card), /NaN|Invalid Date/);
});

test('machine details: Who logged on and Open in Defender', () => {
  const m = machine();
  const card = render(m).card;
  assert.deepEqual(submitButtons(card).map((b) => [b.title, b.value]), [['Who logged on', { action: 'logonUsers', machineId: m.id, label: 'pc1.contoso.com' }]]);
  assert.deepEqual(openUrls(card), [{ title: 'Open in Defender', url: `${PORTAL}/machines/v2/${m.id}/overview?tid=${TENANT}` }]);
});

test('machine details: a long IP list says how many it shows', () => {
  const ips = Array.from({ length: 45 }, (_, i) => ({ ipAddress: `10.1.0.${i}` }));
  const card = render(machine({ ipAddresses: ips })).card;
  assert.ok(textBlocks(card).includes('IP addresses (first 30 of 45)'));
  assert.equal(facts(card).filter((f) => f.title.startsWith('10.1.0.')).length, 30);
  assert.equal(facts(card).find((f) => f.title === '10.1.0.0')?.value, '—');
});

test('machine details: the summary names the machine and its state', () => {
  assert.equal(render(machine()).summary, 'Details of pc1.contoso.com: Active, risk Low');
  assert.equal(render(bareMachine(9)).summary, `Details of ${deviceId(9).slice(0, 8)}…`);
});
