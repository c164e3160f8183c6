// Card buttons: the client can post any value, so a button is validated like typed text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionValueFor, canonicalText, clickFlagsOf, parseAction, parseCommand, type Command } from '../../src/commands';
import { unsafeParts } from './safety';

const HEX_ID = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';

function invalidPart(value: unknown): string {
  const result = parseAction(value);
  assert.equal(result.kind, 'invalid', `${JSON.stringify(value)?.slice(0, 80)} → ${JSON.stringify(result)}`);
  assert.deepEqual(unsafeParts(result), []);
  return result.kind === 'invalid' ? result.part : '';
}

test('a machines-for-user button gives the user and page', () => {
  assert.deepEqual(parseAction({ action: 'machinesForUser', user: 'user1' }), {
    kind: 'machinesForUser',
    user: { kind: 'userName', name: 'user1' },
    page: 1,
  });
  assert.deepEqual(parseAction({ action: 'machinesForUser', user: 'User1', page: 3 }), {
    kind: 'machinesForUser',
    user: { kind: 'userName', name: 'user1' },
    page: 3,
  });
});

test('a logon-users button gives a device id with its label and page', () => {
  assert.deepEqual(parseAction({ action: 'logonUsers', machineId: HEX_ID.toUpperCase(), label: 'pc1.contoso.com', page: 2 }), {
    kind: 'logonUsers',
    machine: { kind: 'deviceId', id: HEX_ID, label: 'pc1.contoso.com' },
    page: 2,
  });
});

test('a machine-details button accepts a safe non-hex id such as machine-1, kept as sent', () => {
  assert.deepEqual(parseAction({ action: 'machineDetails', machineId: 'Machine-1' }), {
    kind: 'machineDetails',
    machine: { kind: 'deviceId', id: 'Machine-1' },
  });
});

test('a help button is help, a run button parses its text', () => {
  assert.deepEqual(parseAction({ action: 'help' }), { kind: 'help' });
  assert.deepEqual(parseAction({ action: 'run', text: 'machines for CONTOSO\\user1 page 2' }), {
    kind: 'machinesForUser',
    user: { kind: 'userName', name: 'user1' },
    page: 2,
  });
});

test('extra fields on a button are ignored', () => {
  assert.deepEqual(parseAction({ action: 'help', msteams: { type: 'messageBack' }, evil: '../..' }), { kind: 'help' });
  assert.deepEqual(parseAction({ action: 'machineDetails', machineId: HEX_ID, page: 5 }), {
    kind: 'machineDetails',
    machine: { kind: 'deviceId', id: HEX_ID },
  });
});

test('a label that is not short plain text is dropped, not trusted', () => {
  for (const label of [5, null, '', 'x'.repeat(254), 'pc1\u202e', 'pc1\n', { a: 1 }, ['pc1']]) {
    assert.deepEqual(
      parseAction({ action: 'logonUsers', machineId: HEX_ID, label }),
      { kind: 'logonUsers', machine: { kind: 'deviceId', id: HEX_ID }, page: 1 },
      JSON.stringify(label),
    );
  }
});

test('buttons with an unknown or missing action are unknown', () => {
  for (const value of [
    null,
    undefined,
    42,
    'help',
    [],
    [{ action: 'help' }],
    {},
    { action: 'deleteMachine' },
    { action: 5 },
    { action: { action: 'help' } },
    { action: 'HELP' },
    { Action: 'help' },
  ]) {
    const result = parseAction(value);
    assert.equal(result.kind, 'unknown', JSON.stringify(value));
    assert.deepEqual(unsafeParts(result), []);
  }
});

test('an inherited action does not count: only own fields are read', () => {
  const value: unknown = Object.create({ action: 'help' });
  assert.equal(parseAction(value).kind, 'unknown');
});

test('a getter on a button value is not run', () => {
  let ran = false;
  const value = {
    get action(): string {
      ran = true;
      return 'help';
    },
  };
  assert.equal(parseAction(value).kind, 'unknown');
  assert.equal(ran, false);
});

test('a user of the wrong type or failing the user-name rules is refused as the user', () => {
  for (const user of [
    undefined,
    null,
    5,
    ['user1'],
    { name: 'user1' },
    '',
    '../admin',
    "x' or 1 eq 1",
    'a%2fb',
    'a'.repeat(10_000),
    'user\u00001',
  ]) {
    assert.equal(invalidPart({ action: 'machinesForUser', user }), 'user', JSON.stringify(user)?.slice(0, 40));
  }
});

test('a machine id that is not 40-hex or a safe id is refused as the machine', () => {
  for (const machineId of [
    undefined,
    null,
    5,
    [HEX_ID],
    '',
    '../x',
    'a..b',
    'pc1/x',
    "x'",
    '-x',
    '.x',
    'a b',
    'a%2f',
    'x'.repeat(101),
    'f'.repeat(10_000),
  ]) {
    assert.equal(invalidPart({ action: 'logonUsers', machineId }), 'machine', JSON.stringify(machineId)?.slice(0, 40));
    assert.equal(invalidPart({ action: 'machineDetails', machineId }), 'machine', JSON.stringify(machineId)?.slice(0, 40));
  }
});

test('a page that is not an integer from 1 to 1000 is refused as the page', () => {
  for (const page of [-1, 0, 1.5, 1001, 1e9, NaN, Infinity, '2', null, [2], { n: 2 }, true]) {
    assert.equal(invalidPart({ action: 'machinesForUser', user: 'user1', page }), 'page', String(page));
    assert.equal(invalidPart({ action: 'logonUsers', machineId: HEX_ID, page }), 'page', String(page));
  }
});

test('a run button with too long or non-text text is unknown', () => {
  assert.equal(parseAction({ action: 'run', text: `machines for user1 ${' '.repeat(500)}` }).kind, 'unknown');
  assert.equal(parseAction({ action: 'run', text: 5 }).kind, 'unknown');
  assert.equal(parseAction({ action: 'run' }).kind, 'unknown');
});

test('a refused argument echoes at most 60 characters of it', () => {
  const result = parseAction({ action: 'machineDetails', machineId: 'z'.repeat(10_000) });
  assert.ok(result.kind === 'invalid' && result.input.length <= 60, JSON.stringify(result).slice(0, 200));
});

test('actionValueFor turns button-able commands into button values', () => {
  assert.deepEqual(actionValueFor({ kind: 'machinesForUser', user: { kind: 'userName', name: 'user1' }, page: 1 }), {
    action: 'machinesForUser',
    user: 'user1',
  });
  assert.deepEqual(actionValueFor({ kind: 'machinesForUser', user: { kind: 'userName', name: 'user1' }, page: 2 }), {
    action: 'machinesForUser',
    user: 'user1',
    page: 2,
  });
  assert.deepEqual(actionValueFor({ kind: 'logonUsers', machine: { kind: 'deviceId', id: HEX_ID, label: 'pc1' }, page: 1 }), {
    action: 'logonUsers',
    machineId: HEX_ID,
    label: 'pc1',
  });
  assert.deepEqual(actionValueFor({ kind: 'machineDetails', machine: { kind: 'hostName', host: 'pc1.contoso.com' } }), {
    action: 'run',
    text: 'machine pc1.contoso.com',
  });
  assert.deepEqual(actionValueFor({ kind: 'help' }), { action: 'help' });
});

test('commands a button cannot carry have no button value', () => {
  assert.equal(
    actionValueFor({ kind: 'machinesForUser', user: { kind: 'mention', teamsUserId: '29:x', displayName: 'X' }, page: 1 }),
    undefined,
  );
  assert.equal(actionValueFor({ kind: 'unknown', text: 'x', suggestions: [] }), undefined);
  assert.equal(actionValueFor({ kind: 'invalid', command: 'help', part: 'x', input: 'x', reason: 'x' }), undefined);
});

const REPRESENTATIVE: Command[] = [
  { kind: 'machinesForUser', user: { kind: 'userName', name: 'user1' }, page: 1 },
  { kind: 'machinesForUser', user: { kind: 'userName', name: 'jörg.müller$' }, page: 12 },
  { kind: 'logonUsers', machine: { kind: 'deviceId', id: HEX_ID }, page: 1 },
  { kind: 'logonUsers', machine: { kind: 'deviceId', id: HEX_ID }, page: 1000 },
  { kind: 'logonUsers', machine: { kind: 'hostName', host: 'pc1.contoso.com' }, page: 3 },
  { kind: 'logonUsers', machine: { kind: 'ip', ip: '10.0.0.5', family: 4 }, page: 1 },
  { kind: 'logonUsers', machine: { kind: 'ip', ip: 'fe80::1', family: 6 }, page: 2 },
  { kind: 'machineDetails', machine: { kind: 'deviceId', id: HEX_ID } },
  { kind: 'machineDetails', machine: { kind: 'hostName', host: 'mymachine1' } },
  { kind: 'machineDetails', machine: { kind: 'ip', ip: '::1', family: 6 } },
  { kind: 'help' },
];

test("the canonical text of a command's button parses back to the same command", () => {
  for (const cmd of REPRESENTATIVE) {
    const value = actionValueFor(cmd);
    assert.ok(value, JSON.stringify(cmd));
    assert.deepEqual(parseCommand({ text: canonicalText(value) }), cmd, canonicalText(value));
  }
});

test("a command's button value parses back to the same command", () => {
  for (const cmd of REPRESENTATIVE) {
    const value = actionValueFor(cmd);
    assert.deepEqual(parseAction(value), cmd, JSON.stringify(value));
  }
  // The label travels with the id on the button, though not in the canonical text.
  const labelled: Command = { kind: 'logonUsers', machine: { kind: 'deviceId', id: 'machine-1', label: 'pc1.contoso.com' }, page: 2 };
  assert.deepEqual(parseAction(actionValueFor(labelled)), labelled);
});

test('click flags: inPlace, refresh and a short hex by tag are read from any action; anything else is ignored', () => {
  assert.deepEqual(clickFlagsOf({ action: 'help', inPlace: true, refresh: true, by: '0123456789ab' }), {
    inPlace: true,
    refresh: true,
    by: '0123456789ab',
  });
  assert.deepEqual(clickFlagsOf({ action: 'help', inPlace: 'yes', refresh: 1, by: 'Mallory' }), {});
  assert.deepEqual(clickFlagsOf('not an object'), {});
  // The flags never change what is asked.
  assert.deepEqual(
    parseAction({ action: 'machinesForUser', user: 'user1', inPlace: true, refresh: true }),
    parseAction({ action: 'machinesForUser', user: 'user1' }),
  );
});
