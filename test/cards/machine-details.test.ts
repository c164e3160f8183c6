// The details card: coloured status lines (each value once), odd records explained, fact values that
// cannot clip (long unbroken values shortened there and written out in full below), human labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import type { Machine } from '../../src/defender/model';
import { facts, openUrls, submitButtons, textBlocks, typedNodes } from './card-walk';
import { bareMachine, ctx, deviceId, machine, PORTAL, TENANT } from './fixtures';
import { hasLongRun, MAX_UNBROKEN } from '../../src/cards/view-models/long-values';

function render(m: Machine) {
  return renderOutcome({ kind: 'machineDetails', machine: m }, ctx());
}

/** [text, color] of the TextBlocks that have a colour. */
function coloured(card: unknown): Array<[string, string]> {
  return typedNodes(card)
    .filter((n) => n['type'] === 'TextBlock' && typeof n['color'] === 'string')
    .map((n) => [String(n['text']), String(n['color'])]);
}

test('machine details: status lines in words, coloured by severity, each value once', () => {
  const card = render(machine()).card;
  assert.deepEqual(coloured(card), [
    ['**Risk:** Low', 'good'],
    ['**Exposure:** Medium', 'warning'],
    ['**Health:** Active', 'good'],
    ['**Antivirus:** Updated', 'good'],
  ]);
  const text = JSON.stringify(card.body);
  assert.equal(text.split('Active').length - 1, 1, 'health appears once');
});

test('machine details: High risk and exposure, an unhealthy sensor and antivirus off or stale stand out, with human labels', () => {
  const worst = machine({ riskScore: 'High', exposureLevel: 'High', healthStatus: 'ImpairedCommunication', defenderAvStatus: 'Disabled' });
  const card = render(worst).card;
  assert.deepEqual(coloured(card), [
    ['**Risk:** High', 'attention'],
    ['**Exposure:** High', 'attention'],
    ['**Health:** Impaired communication', 'warning'],
    ['**Antivirus:** Disabled', 'attention'],
  ]);
  const stale = coloured(render(machine({ healthStatus: 'NoSensorData', defenderAvStatus: 'NotUpdated' })).card);
  assert.deepEqual(stale.slice(2), [
    ['**Health:** No sensor data', 'warning'],
    ['**Antivirus:** Not updated', 'warning'],
  ]);
  const inactive = render(machine({ healthStatus: 'Inactive' }));
  assert.equal(JSON.stringify(inactive.card.body).split('Inactive').length - 1, 1, 'Inactive is shown once');
});

test('machine details: a possible duplicate and a merged record are marked with what they mean', () => {
  const card = render(machine({ isPotentialDuplication: true, mergedIntoMachineId: deviceId(2) })).card;
  const notes = coloured(card).filter(([t]) => t.startsWith('**Merged') || t.startsWith('**Possible'));
  assert.deepEqual(
    notes.map(([t, c]) => [t.split(':')[0], c]),
    [
      ['**Merged record', 'warning'],
      ['**Possible duplicate', 'warning'],
    ],
  );
  assert.match(notes[0]?.[0] ?? '', /no longer updated: look up that one/);
  assert.match(notes[1]?.[0] ?? '', /Compare device ids and last-seen times before acting/);
  assert.ok(textBlocks(card).includes(`**Merged into:** ${deviceId(2)}`), 'the merged-into id in full');
});

test('machine details: the facts, with human labels and no value that could push the card wider', () => {
  const card = render(machine({ osPlatform: 'WindowsServer2022', onboardingStatus: 'CanBeOnboarded', managedBy: 'Intune' })).card;
  const f = Object.fromEntries(facts(card).map((x) => [x.title, x.value]));
  assert.deepEqual(Object.keys(f), [
    'Last seen',
    'First seen',
    'OS',
    'OS build',
    'Processor',
    'Last IP',
    'External IP',
    'Device group',
    'Device value',
    'Onboarding',
    'Sensor version',
    'Managed by',
    'Entra joined',
  ]);
  assert.equal(f['OS'], 'Windows Server 2022 22H2');
  assert.equal(f['Onboarding'], 'Can be onboarded');
  assert.equal(f['Device group'], 'Finance workstations \\(id 140\\)');
  assert.equal(f['Processor'], 'x64, 64-bit');
  assert.equal(f['Entra joined'], 'Yes');
  for (const { value } of facts(card)) assert.equal(hasLongRun(value.replace(/\\/g, '')), false, value);
});

test('machine details: long unbroken values are shortened in the facts and written out in full below', () => {
  const ipv6 = '2001:0db8:85a3:0000:0000:8a2e:0370:7334';
  const managedBy = 'MicrosoftEndpointConfigurationManagerCoManagement';
  const card = render(machine({ lastExternalIpAddress: ipv6, managedBy: managedBy.toLowerCase() })).card;
  const f = Object.fromEntries(facts(card).map((x) => [x.title, x.value]));
  assert.equal(f['External IP'], '2001:0db… (in full below)');
  assert.ok(ipv6.length > MAX_UNBROKEN);
  const texts = textBlocks(card);
  assert.ok(texts.includes(`**External IP:** ${ipv6}`));
  assert.ok(texts.includes(`**Device id:** ${deviceId(1)}`), 'the device id is always there in full');
  assert.ok(texts.includes(`**Entra device id:** 80fe8ff8-2624-418e-9591-41f0491218f9`));
});

test('machine details: IP addresses are wrapped text, one list item each, with human labels', () => {
  const wifi = { ipAddress: '10.0.0.1', macAddress: '00-15-5D-01-02-03', type: 'Wireless80211', operationalStatus: 'Up' };
  const card = render(machine({ ipAddresses: [wifi, { ipAddress: 'fe80::1' }] })).card;
  assert.ok(textBlocks(card).includes('- 10.0.0.1 · MAC 00-15-5D-01-02-03 · Wi-Fi · Up\n- fe80::1'));
});

test('machine details: with only an id, nothing missing is shown and no "null", "undefined" or "NaN" appears', () => {
  const reply = render(bareMachine(9));
  assert.deepEqual(facts(reply.card), []);
  assert.deepEqual(coloured(reply.card), []);
  assert.ok(textBlocks(reply.card).includes(`**Device id:** ${deviceId(9)}`));
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

test('machine details: Who logged on, Alerts and Open in Defender', () => {
  const m = machine();
  const card = render(m).card;
  assert.deepEqual(
    submitButtons(card).map((b) => [b.title, b.value]),
    [
      ['↻ Refresh', { action: 'machineDetails', machineId: m.id, label: 'pc1.contoso.com', inPlace: true, refresh: true }],
      ['Who logged on', { action: 'logonUsers', machineId: m.id, label: 'pc1.contoso.com' }],
      ['Alerts', { action: 'machineAlerts', machineId: m.id, label: 'pc1.contoso.com' }],
    ],
  );
  assert.deepEqual(openUrls(card), [{ title: 'Open in Defender', url: `${PORTAL}/machines/v2/${m.id}/overview?tid=${TENANT}` }]);
});

test('machine details: a long IP list says how many it shows', () => {
  const ips = Array.from({ length: 45 }, (_, i) => ({ ipAddress: `10.1.0.${i}` }));
  const card = render(machine({ ipAddresses: ips })).card;
  assert.ok(textBlocks(card).includes('IP addresses (first 30 of 45)'));
  assert.equal((textBlocks(card).find((t) => t.startsWith('- 10.1.0.0')) ?? '').split('\n').length, 30);
});

test('machine details: the summary names the machine and its state', () => {
  assert.equal(render(machine()).summary, 'Details of pc1.contoso.com: Risk: Low, Exposure: Medium, Health: Active');
  assert.equal(render(bareMachine(9)).summary, `Details of ${deviceId(9).slice(0, 8)}…`);
});
