// The parser is driven by the command definitions: these loops make a verb, suffix or example
// added to definitions.ts a tested phrasing without touching this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS, parseCommand, type Command, type CommandDefinition } from '../../src/commands';
import { actionPhraseOf } from '../../src/commands/response-actions';

const ALERT_ID = 'da638990412207749523_-1572894410';
const SAMPLE_ARGUMENT: Record<NonNullable<CommandDefinition['argument']>, string> = {
  user: 'user1',
  machine: 'pc1.contoso.com',
  'machine or user': 'pc1.contoso.com',
  'alert id': ALERT_ID,
};

function expected(def: CommandDefinition, verb = ''): Command {
  switch (def.name) {
    case 'machinesForUser':
      return { kind: 'machinesForUser', user: { kind: 'userName', name: 'user1' }, page: 1 };
    case 'logonUsers':
      return { kind: 'logonUsers', machine: { kind: 'hostName', host: 'pc1.contoso.com' }, page: 1 };
    case 'machineDetails':
      return { kind: 'machineDetails', machine: { kind: 'hostName', host: 'pc1.contoso.com' } };
    case 'alerts':
      return { kind: 'alerts', about: { kind: 'machine', machine: { kind: 'hostName', host: 'pc1.contoso.com' } }, page: 1 };
    case 'alert':
      return { kind: 'alert', alertId: ALERT_ID };
    case 'help':
      return { kind: 'help' };
    case 'signOut':
      return { kind: 'signOut' };
    case 'responseAction': {
      const phrase = actionPhraseOf(verb.toLowerCase());
      assert.ok(phrase, verb);
      const option = phrase.option === undefined ? {} : { option: phrase.option };
      return { kind: 'responseAction', action: phrase.action, machine: { kind: 'hostName', host: 'pc1.contoso.com' }, ...option };
    }
    case 'actionStatus':
      return { kind: 'actionStatus', actionId: ACTION_ID };
    case 'about':
      return { kind: 'about' };
    case 'feedback':
      return { kind: 'feedback', text: FEEDBACK };
  }
}

const ACTION_ID = '7b6b2f0c-3a5e-4f0e-9b7a-2f1d3c4e5a6b';
const FEEDBACK = 'the card is cut off on my phone';

function phrasing(def: CommandDefinition, verb: string, suffix?: string): string {
  if (def.name === 'actionStatus') return `${verb} ${ACTION_ID}`;
  if (def.name === 'feedback') return `${verb} ${FEEDBACK}`;
  if (def.argument === undefined) return verb;
  return [verb, SAMPLE_ARGUMENT[def.argument], suffix].filter((s) => s !== undefined).join(' ');
}

test('every verb in the definitions parses to its command', () => {
  for (const def of COMMANDS) {
    for (const verb of def.verbs) {
      assert.deepEqual(parseCommand({ text: phrasing(def, verb) }), expected(def, verb), phrasing(def, verb));
    }
  }
});

test('every verb parses whatever its capitalisation', () => {
  for (const def of COMMANDS) {
    for (const verb of def.verbs) {
      const text = phrasing(def, verb.toUpperCase());
      assert.deepEqual(parseCommand({ text }), expected(def, verb), text);
    }
  }
});

test('every suffix in the definitions is accepted after the argument of every verb', () => {
  for (const def of COMMANDS) {
    for (const verb of def.verbs) {
      for (const suffix of def.suffixes ?? []) {
        const text = phrasing(def, verb, suffix);
        assert.deepEqual(parseCommand({ text }), expected(def, verb), text);
      }
    }
  }
});

test('every example in the definitions parses to its command', () => {
  for (const def of COMMANDS) {
    assert.ok(def.examples.length > 0, `${def.name} has no example`);
    for (const example of def.examples) {
      assert.equal(parseCommand({ text: example }).kind, def.name, example);
    }
  }
});

test('the list commands accept a page after every verb', () => {
  for (const def of COMMANDS.filter((d) => d.name === 'machinesForUser' || d.name === 'logonUsers' || d.name === 'alerts')) {
    for (const verb of def.verbs) {
      const text = `${phrasing(def, verb)} page 7`;
      assert.deepEqual(parseCommand({ text }), { ...expected(def), page: 7 }, text);
    }
  }
});

test('a verb without its argument asks for the argument, quoting the first example', () => {
  for (const def of COMMANDS.filter((d) => d.argument !== undefined)) {
    for (const verb of def.verbs) {
      const result = parseCommand({ text: verb });
      assert.deepEqual(
        result,
        { kind: 'invalid', command: def.name, part: def.argument, input: '', reason: `say which ${def.argument}, e.g. ${def.examples[0]}` },
        verb,
      );
    }
  }
});

test('sign out: every phrasing, polite words, and anything after it is still the asker’s own sign-out', () => {
  for (const text of [
    'sign out',
    'Sign Out',
    'signout',
    'logout',
    'log me out',
    'please sign me out',
    'sign out please',
    'sign out user1',
    'sign out!',
  ]) {
    assert.deepEqual(parseCommand({ text }), { kind: 'signOut' }, text);
  }
  assert.notEqual(parseCommand({ text: 'sign in' }).kind, 'signOut');
});

test('a typo of sign out suggests it', () => {
  const result = parseCommand({ text: 'sign otu' });
  assert.equal(result.kind, 'unknown');
  assert.ok(result.kind === 'unknown' && result.suggestions.some((s) => s.text === 'sign out'), JSON.stringify(result));
});

test('every keyword in the definitions points a free-form message to its command', () => {
  const phrasing: Record<string, (keyword: string) => string> = {
    machinesForUser: (k) => `${k} for user1`,
    logonUsers: (k) => `pc1.contoso.com ${k}`,
    machineDetails: (k) => `${k} pc1.contoso.com`,
    alerts: (k) => `any ${k} on pc1.contoso.com?`,
    alert: (k) => `what is ${k} ${ALERT_ID}`,
  };
  for (const def of COMMANDS) {
    for (const keyword of def.keywords ?? []) {
      const text = phrasing[def.name]?.(keyword) ?? keyword;
      assert.deepEqual(parseCommand({ text }), expected(def), text);
    }
  }
  // Response actions have none on purpose: only their own phrasings ask for one, never a free-form message.
  const withoutKeywords = COMMANDS.filter((d) => d.argument !== undefined && (d.keywords ?? []).length === 0);
  assert.deepEqual(
    withoutKeywords.map((d) => d.name),
    ['responseAction'],
    'every look-up command that takes an argument has keywords',
  );
});
