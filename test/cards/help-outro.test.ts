// The help card's closing text quotes commands (a bare name, plain words, a page): each must do what
// the text says it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from '../../src/commands';
import { HELP_OUTRO, HELP_OUTRO_EXAMPLES, helpView } from '../../src/cards/view-models/help';

test('the help card ends with the ways to name things, plain words and paging', () => {
  assert.equal(helpView().vm.outro, HELP_OUTRO);
  for (const example of Object.values(HELP_OUTRO_EXAMPLES)) assert.ok(HELP_OUTRO.includes(`**${example}**`), example);
  assert.match(HELP_OUTRO, /Next and Previous/);
});

test('every command the help card quotes parses to what the card says it does', () => {
  const x = HELP_OUTRO_EXAMPLES;
  const user1 = { kind: 'userName', name: 'user1' } as const;
  const machine = { kind: 'hostName', host: 'mymachine1.contoso.com' } as const;
  assert.deepEqual(parseCommand({ text: x.machineByName }), { kind: 'machineDetails', machine });
  assert.deepEqual(parseCommand({ text: x.userByName }), { kind: 'machinesForUser', user: user1, page: 1 });
  assert.deepEqual(parseCommand({ text: x.logonsInWords }), { kind: 'logonUsers', machine: { kind: 'hostName', host: 'pc1' }, page: 1 });
  assert.deepEqual(parseCommand({ text: x.machinesInWords }), { kind: 'machinesForUser', user: user1, page: 1 });
  assert.deepEqual(parseCommand({ text: x.page }), { kind: 'machinesForUser', user: user1, page: 2 });
});
