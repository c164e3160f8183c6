import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, type Command, type MachineRef } from '../../src/commands';

function machineOf(text: string): MachineRef | Command {
  const result = parseCommand({ text: `machine ${text}` });
  return result.kind === 'machineDetails' ? result.machine : result;
}

function rejection(text: string): string {
  const result = parseCommand({ text: `who logged onto ${text}` });
  assert.equal(result.kind, 'invalid', `${text} → ${JSON.stringify(result)}`);
  return result.kind === 'invalid' ? result.reason : '';
}

const HEX_ID = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';

test('a 40-hex device id is a device id, lowercased', () => {
  assert.deepEqual(machineOf(HEX_ID), { kind: 'deviceId', id: HEX_ID });
  assert.deepEqual(machineOf(HEX_ID.toUpperCase()), { kind: 'deviceId', id: HEX_ID });
});

test('hex strings of other lengths are host names, not device ids', () => {
  assert.deepEqual(machineOf(HEX_ID.slice(1)), { kind: 'hostName', host: HEX_ID.slice(1) });
});

test('a dotted-quad IPv4 address is an IP', () => {
  assert.deepEqual(machineOf('10.0.0.5'), { kind: 'ip', ip: '10.0.0.5', family: 4 });
  assert.deepEqual(machineOf('255.255.255.255'), { kind: 'ip', ip: '255.255.255.255', family: 4 });
  assert.deepEqual(machineOf('0.0.0.0'), { kind: 'ip', ip: '0.0.0.0', family: 4 });
});

test('IPv4 addresses out of range, short, long or with leading zeros are refused, not taken for host names', () => {
  for (const bad of ['10.0.0.256', '10.0.0', '1.2.3.4.5', '010.0.0.1', '10.0.0.01', '1..2.3']) {
    assert.equal(rejection(bad), 'that IP address is not valid', bad);
  }
});

test('IPv6 addresses are IPs, lowercased; brackets are accepted', () => {
  assert.deepEqual(machineOf('fe80::1'), { kind: 'ip', ip: 'fe80::1', family: 6 });
  assert.deepEqual(machineOf('2001:DB8::AB'), { kind: 'ip', ip: '2001:db8::ab', family: 6 });
  assert.deepEqual(machineOf('[::1]'), { kind: 'ip', ip: '::1', family: 6 });
  assert.deepEqual(machineOf('::ffff:10.0.0.1'), { kind: 'ip', ip: '::ffff:10.0.0.1', family: 6 });
  assert.deepEqual(machineOf('fe80::'), { kind: 'ip', ip: 'fe80::', family: 6 });
});

test('malformed IPv6 addresses are refused', () => {
  for (const bad of ['fe80:::1', '1:2:3:4:5:6:7:8:9', '[10.0.0.1]', 'gggg::1x']) {
    assert.notEqual(rejection(bad), '', bad);
  }
  assert.equal(rejection('fe80:::1'), 'that IP address is not valid');
});

test('a host name or FQDN is lowercased and loses a trailing dot', () => {
  assert.deepEqual(machineOf('PC1'), { kind: 'hostName', host: 'pc1' });
  assert.deepEqual(machineOf('MyMachine1.Contoso.com'), { kind: 'hostName', host: 'mymachine1.contoso.com' });
  assert.deepEqual(machineOf('pc-1.contoso.com.'), { kind: 'hostName', host: 'pc-1.contoso.com' });
});

test('host name labels of 63 characters and names of 253 are accepted; longer are refused with the limit', () => {
  const label63 = 'a'.repeat(63);
  assert.deepEqual(machineOf(label63), { kind: 'hostName', host: label63 });
  assert.match(rejection('a'.repeat(64)), /at most 63 characters/);
  const name253 = [label63, label63, label63, 'a'.repeat(61)].join('.');
  assert.equal(name253.length, 253);
  assert.deepEqual(machineOf(name253), { kind: 'hostName', host: name253 });
  assert.match(rejection(`${name253}a`), /at most 253 characters/);
});

test('host names with other characters are refused, naming the allowed ones', () => {
  for (const bad of ['pc_1', 'pc1:3389', 'pc1$', 'pc1.contoso.com<script>', 'pc1,pc2', 'ünï.com']) {
    assert.equal(rejection(bad), 'a host name can only contain letters, digits, hyphens and dots', bad);
  }
});

test('host name labels starting or ending with a hyphen, leading dots and ".." are refused', () => {
  assert.match(rejection('-pc1'), /start or end with a hyphen/);
  assert.match(rejection('pc1-.contoso.com'), /start or end with a hyphen/);
  assert.match(rejection('.pc1'), /cannot start with a dot/);
  assert.match(rejection('pc1..contoso.com'), /"\.\."/);
});

test('path separators, quotes, % and spaces in a machine are refused with a specific reason', () => {
  assert.match(rejection('../../etc/passwd'), /path separator/);
  assert.match(rejection('pc1\\c$'), /path separator/);
  assert.match(rejection("pc1' or 1 eq 1"), /cannot contain quotes/);
  assert.match(rejection('pc1%2f..'), /cannot contain %/);
  assert.match(rejection('pc 1'), /cannot contain spaces/);
});

test('a missing machine asks which machine, with an example', () => {
  assert.deepEqual(parseCommand({ text: 'who logged onto' }), {
    kind: 'invalid',
    command: 'logonUsers',
    part: 'machine',
    input: '',
    reason: 'say which machine, e.g. who logged onto mymachine1.contoso.com',
  });
});
