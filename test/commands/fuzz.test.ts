// Property tests: for any input at all, the parser answers with a Command, and whatever it hands on
// passes the validators again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { COMMANDS, parseAction, parseCommand, type Mention } from '../../src/commands';
import { unsafeParts } from './safety';

const RUNS = { numRuns: 1000 };
const hex40 = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 40, maxLength: 40 });

// Fragments that steer random text towards the interesting paths: verbs, separators, entities, markup.
const fragment = fc.oneof(
  fc.constantFrom(
    ...COMMANDS.flatMap((c) => c.verbs),
    'page',
    '..',
    '/',
    '\\',
    '\\\\',
    '%2f',
    "'",
    '"',
    '@',
    '&amp;',
    '&nbsp;',
    '&#0;',
    '&#x202e;',
    '<at>',
    '</at>',
    '<p>',
    '?',
    '.',
    ':',
    '\u0000',
    '\u202e',
    '\uE000',
    '‥',
    '／',
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.ipV4(),
  fc.ipV6(),
  fc.domain(),
  fc.emailAddress(),
  hex40,
  fc.integer({ min: -5, max: 2000 }).map(String),
);
const messageText = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(' '));

const mention: fc.Arbitrary<Mention> = fc.record({
  text: fc.oneof(fc.constantFrom('<at>Jane Doe</at>', '<at>Bot</at>', ''), fc.string()),
  teamsUserId: fc.oneof(fc.constant('29:jane'), fc.string()),
  name: fc.string(),
  isBot: fc.boolean(),
});

test('parseCommand never throws and returns only safe values, for any text and mentions', () => {
  fc.assert(
    fc.property(messageText, fc.array(mention, { maxLength: 3 }), (text, mentions) => {
      const result = parseCommand({ text, mentions });
      assert.deepEqual(unsafeParts(result), [], JSON.stringify(result));
    }),
    RUNS,
  );
});

test('parseCommand never throws for arbitrary unicode strings', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      assert.deepEqual(unsafeParts(parseCommand({ text })), []);
    }),
    RUNS,
  );
});

test('parseCommand never throws for inputs of the wrong shape', () => {
  fc.assert(
    fc.property(fc.anything(), (input) => {
      assert.deepEqual(unsafeParts(parseCommand(input as Parameters<typeof parseCommand>[0])), []);
    }),
    RUNS,
  );
});

const actionField = fc.oneof(
  fc.constantFrom('machinesForUser', 'logonUsers', 'machineDetails', 'help', 'run', 'unknownAction'),
  fc.anything(),
);
const buttonValue = fc.record(
  {
    action: actionField,
    user: fc.oneof(messageText, fc.anything()),
    machineId: fc.oneof(hex40, fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,5}$/), fragment, fc.anything()),
    label: fc.oneof(fc.string(), fc.anything()),
    page: fc.oneof(fc.integer({ min: -2, max: 1002 }), fc.double(), fc.anything()),
    text: fc.oneof(messageText, fc.anything()),
  },
  { requiredKeys: ['action'] },
);

test('parseAction never throws and returns only safe values, for any button value', () => {
  fc.assert(
    fc.property(fc.oneof(buttonValue, fc.anything()), (value) => {
      assert.deepEqual(unsafeParts(parseAction(value)), [], JSON.stringify(value));
    }),
    RUNS,
  );
});

test('a valid typed user or machine parses the same way twice (normalisation is idempotent)', () => {
  fc.assert(
    fc.property(messageText, (text) => {
      const first = parseCommand({ text });
      if (first.kind === 'machinesForUser' && first.user.kind === 'userName') {
        assert.deepEqual(parseCommand({ text: `machines for ${first.user.name}` }), { ...first, page: 1 });
      }
      if (first.kind === 'machineDetails' && first.machine.kind !== 'deviceId') {
        const again = first.machine.kind === 'hostName' ? first.machine.host : first.machine.ip;
        assert.deepEqual(parseCommand({ text: `machine ${again}` }), first);
      }
    }),
    RUNS,
  );
});
