// The alert commands in the parser: machine or user for "alerts for <x>", alert ids checked before any
// call, and card buttons that round-trip through the same checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionValueFor, canonicalText, parseAction, parseCommand, type Command } from '../../src/commands';
import { ALERT_ID_RULE } from '../../src/commands/alert-arguments';

const ID = 'da638990412207749523_-1572894410';
const DEVICE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';

const parse = (text: string): Command => parseCommand({ text });
const machineAlerts = (host: string): Command => ({
  kind: 'alerts',
  about: { kind: 'machine', machine: { kind: 'hostName', host } },
  page: 1,
});
const userAlerts = (name: string): Command => ({ kind: 'alerts', about: { kind: 'user', user: { kind: 'userName', name } }, page: 1 });

test('"alerts on" is always a machine; "alerts for" a machine when the name looks like one, else a user; a label settles it', () => {
  assert.deepEqual(parse('alerts on user1'), machineAlerts('user1'));
  assert.deepEqual(parse('alerts for user1'), userAlerts('user1'));
  assert.deepEqual(parse('alerts for pc1'), machineAlerts('pc1'));
  assert.deepEqual(parse('alerts for DESKTOP-7H2K9QL'), machineAlerts('desktop-7h2k9ql'));
  assert.deepEqual(parse('alerts for user pc1'), userAlerts('pc1'));
  assert.deepEqual(parse('alerts for host user1'), machineAlerts('user1'));
  assert.deepEqual(parse('alerts for CONTOSO\\user1'), userAlerts('user1'));
  assert.deepEqual(parse(`alerts for ${DEVICE}`), {
    kind: 'alerts',
    about: { kind: 'machine', machine: { kind: 'deviceId', id: DEVICE } },
    page: 1,
  });
});

test('an alert id is checked and lower-cased by the parser; anything else is refused with the rule, so no call is made', () => {
  assert.deepEqual(parse(`alert ${ID.toUpperCase()}`), { kind: 'alert', alertId: ID });
  for (const [text, input] of [
    ['alert 12345', '12345'],
    ['alert da123_x', 'da123_x'],
    ["alert da638990412207749523_1' or 1=1", "da638990412207749523_1' or 1=1"],
    ['alert ../../machines', '../../machines'],
  ] as const) {
    assert.deepEqual(parse(text), { kind: 'invalid', command: 'alert', part: 'alert id', input, reason: ALERT_ID_RULE }, text);
  }
  assert.deepEqual(parse('alert'), {
    kind: 'invalid',
    command: 'alert',
    part: 'alert id',
    input: '',
    reason: `say which alert id, e.g. alert ${ID}`,
  });
});

test('a message that mentions "the alert" but names no alert id is not a lookup', () => {
  for (const text of ['did you see the alert on pc1', 'the alert on pc1 is a false positive', 'I closed the alert for user1']) {
    assert.ok(!['alerts', 'alert', 'machineDetails', 'logonUsers', 'machinesForUser'].includes(parse(text).kind), text);
  }
});

test('alert buttons round-trip: the value a card carries parses back to the same command, and its text reads like typing it', () => {
  const commands: Command[] = [
    { kind: 'alert', alertId: ID },
    { kind: 'alerts', about: { kind: 'machine', machine: { kind: 'deviceId', id: DEVICE } }, page: 2 },
    { kind: 'alerts', about: { kind: 'user', user: { kind: 'userName', name: 'user1' } }, page: 1 },
  ];
  for (const cmd of commands) {
    const value = actionValueFor(cmd);
    assert.ok(value !== undefined);
    assert.deepEqual(parseAction(value), cmd);
    assert.deepEqual(parse(canonicalText(value)), cmd, canonicalText(value));
  }
});

test('a forged alert button is checked like typed text', () => {
  assert.equal(parseAction({ action: 'alert', alertId: '../../machines' }).kind, 'invalid');
  assert.equal(parseAction({ action: 'alert', alertId: 42 }).kind, 'invalid');
  assert.equal(parseAction({ action: 'machineAlerts', machineId: "x' or 1=1" }).kind, 'invalid');
  assert.equal(parseAction({ action: 'userAlerts', user: 'a/b' }).kind, 'invalid');
  assert.equal(parseAction({ action: 'userAlerts', user: 'user1', page: 0 }).kind, 'invalid');
});
