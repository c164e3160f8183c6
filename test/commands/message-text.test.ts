// What Teams actually sends: mention markup, HTML entities, chatty phrasing and punctuation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, type Command, type Mention } from '../../src/commands';

const BOT: Mention = { text: '<at>MDE Bot</at>', teamsUserId: '28:bot-id', name: 'MDE Bot', isBot: true };
const JANE: Mention = { text: '<at>Jane Doe</at>', teamsUserId: '29:jane-id', name: 'Jane Doe', isBot: false };
const USER1: Command = { kind: 'machinesForUser', user: { kind: 'userName', name: 'user1' }, page: 1 };

test('the bot mention is stripped wherever it is', () => {
  assert.deepEqual(parseCommand({ text: '<at>MDE Bot</at> machines for user1', mentions: [BOT] }), USER1);
  assert.deepEqual(parseCommand({ text: 'machines for user1 <at>MDE Bot</at>', mentions: [BOT] }), USER1);
  assert.deepEqual(parseCommand({ text: 'machines<at>MDE Bot</at>for user1', mentions: [BOT] }), USER1);
});

test('a message that is only the bot mention is a request for help', () => {
  assert.deepEqual(parseCommand({ text: '<at>MDE Bot</at>', mentions: [BOT] }), { kind: 'help' });
  assert.deepEqual(parseCommand({ text: ' <at>MDE Bot</at>&nbsp; ', mentions: [BOT] }), { kind: 'help' });
});

test('an empty or whitespace-only message is a request for help', () => {
  assert.deepEqual(parseCommand({ text: '' }), { kind: 'help' });
  assert.deepEqual(parseCommand({ text: ' \n\t ' }), { kind: 'help' });
});

test('@mentioning a Teams user asks for their machines by Teams id', () => {
  assert.deepEqual(parseCommand({ text: '<at>MDE Bot</at> machines for <at>Jane Doe</at>?', mentions: [BOT, JANE] }), {
    kind: 'machinesForUser',
    user: { kind: 'mention', teamsUserId: '29:jane-id', displayName: 'Jane Doe' },
    page: 1,
  });
  assert.deepEqual(parseCommand({ text: 'what machines does <at>Jane Doe</at> use page 2', mentions: [JANE] }), {
    kind: 'machinesForUser',
    user: { kind: 'mention', teamsUserId: '29:jane-id', displayName: 'Jane Doe' },
    page: 2,
  });
});

test('only mentions marked as the bot are stripped; other markup stays text', () => {
  const notBot = { ...BOT, isBot: false };
  const result = parseCommand({ text: '<at>MDE Bot</at> help', mentions: [notBot] });
  assert.equal(result.kind, 'unknown');
  assert.equal(parseCommand({ text: '<at>MDE Bot</at> help' }).kind, 'unknown');
});

test('a mention with more than the user next to it, or a user mention as a machine, is refused', () => {
  const both = parseCommand({ text: "machines for <at>Jane Doe</at>'s", mentions: [JANE] });
  assert.ok(both.kind === 'invalid' && /@mention only them/.test(both.reason), JSON.stringify(both));
  assert.ok(both.kind === 'invalid' && both.input === "@Jane Doe 's", JSON.stringify(both));
  const machine = parseCommand({ text: 'who logged onto <at>Jane Doe</at>', mentions: [JANE] });
  assert.ok(machine.kind === 'invalid' && /that is a person/.test(machine.reason), JSON.stringify(machine));
});

test('a private-use character typed by the sender cannot pose as a mention', () => {
  const result = parseCommand({ text: 'machines for \uE000', mentions: [JANE] });
  assert.equal(result.kind, 'invalid');
});

test('malformed mention entities are ignored rather than trusted', () => {
  const broken = [
    null,
    'x',
    { text: '' },
    { text: '<at>Jane Doe</at>', isBot: 'no' },
    { text: '<at>Jane Doe</at>', isBot: false, teamsUserId: 5, name: 'J' },
  ];
  const input = { text: 'machines for <at>Jane Doe</at>', mentions: broken } as unknown as Parameters<typeof parseCommand>[0];
  const result = parseCommand(input);
  assert.ok(result.kind === 'invalid' && /could not tell who/.test(result.reason), JSON.stringify(result));
});

test('HTML entities Teams sends are decoded', () => {
  assert.deepEqual(parseCommand({ text: 'machines&nbsp;for&nbsp;user1' }), USER1);
  assert.deepEqual(parseCommand({ text: 'machines for CONTOSO&#92;user1' }), USER1);
  const amp = parseCommand({ text: 'machines for a&amp;b' });
  assert.ok(amp.kind === 'invalid' && amp.input === 'a&b', JSON.stringify(amp));
});

test('entities are decoded once, so an escaped entity stays literal text', () => {
  const result = parseCommand({ text: 'machines for a&amp;lt;b' });
  assert.ok(result.kind === 'invalid' && result.input === 'a&lt;b', JSON.stringify(result));
});

test('simple HTML wrappers from rich-text clients are ignored', () => {
  assert.deepEqual(parseCommand({ text: '<p>machines for <b>user1</b></p>' }), USER1);
  assert.deepEqual(parseCommand({ text: '<div>machines for user1<br/></div>' }), USER1);
});

test('case, extra whitespace, tabs and newlines do not matter', () => {
  assert.deepEqual(parseCommand({ text: '  MACHINES \t FOR\n  User1  ' }), USER1);
});

test('polite words around the command are ignored', () => {
  for (const text of [
    'please machines for user1',
    'pls machines for user1',
    'show me machines for user1',
    'can you list machines for user1',
    'could you get machines for user1',
    'tell me what machines does user1 use',
    'hey, can you please show me machines for user1, please?',
    'machines for user1 thanks!',
    'machines for user1 thank you.',
    'Hey Could You Please Tell Me Machines For User1?!',
  ]) {
    assert.deepEqual(parseCommand({ text }), USER1, text);
  }
});

test('trailing ?, ! and . are tolerated', () => {
  for (const text of [
    'machines for user1?',
    'machines for user1!',
    'machines for user1.',
    'machines for user1 ?!.',
    'machines for user1?? ',
  ]) {
    assert.deepEqual(parseCommand({ text }), USER1, text);
  }
  assert.deepEqual(parseCommand({ text: 'who logged onto 10.0.0.5?' }), {
    kind: 'logonUsers',
    machine: { kind: 'ip', ip: '10.0.0.5', family: 4 },
    page: 1,
  });
});

test('help in its phrasings, including a lone question mark', () => {
  for (const text of ['help', 'Help!', '?', '??', 'what can you do?', 'commands', 'help me please', 'hey, help']) {
    assert.deepEqual(parseCommand({ text }), { kind: 'help' }, text);
  }
});

test('a colon after the verb is tolerated', () => {
  assert.deepEqual(parseCommand({ text: 'machines for: user1' }), USER1);
});

test('a trailing page N selects the page of a list command', () => {
  assert.deepEqual(parseCommand({ text: 'machines for user1 page 2' }), { ...USER1, page: 2 });
  assert.deepEqual(parseCommand({ text: 'machines for user1, Page 1000' }), { ...USER1, page: 1000 });
  assert.deepEqual(parseCommand({ text: 'what machines does user1 use? page 3' }), { ...USER1, page: 3 });
  assert.deepEqual(parseCommand({ text: 'who logged onto pc1 page 4' }), {
    kind: 'logonUsers',
    machine: { kind: 'hostName', host: 'pc1' },
    page: 4,
  });
});

test('a page outside 1..1000 or not a whole number is refused', () => {
  for (const page of ['0', '1001', '-1', '1.5', '1e3', 'two', '0x10', '99999999999999999999']) {
    const result = parseCommand({ text: `machines for user1 page ${page}` });
    assert.deepEqual(
      result,
      { kind: 'invalid', command: 'machinesForUser', part: 'page', input: page, reason: 'the page must be a whole number from 1 to 1000' },
      page,
    );
  }
});

test('machine details have one page; a page suffix there is ignored', () => {
  assert.deepEqual(parseCommand({ text: 'machine pc1 page 2' }), { kind: 'machineDetails', machine: { kind: 'hostName', host: 'pc1' } });
});

test('the longest matching verb wins', () => {
  assert.deepEqual(parseCommand({ text: 'machine details for pc1' }), {
    kind: 'machineDetails',
    machine: { kind: 'hostName', host: 'pc1' },
  });
  assert.deepEqual(parseCommand({ text: 'who logged on to pc1' }), {
    kind: 'logonUsers',
    machine: { kind: 'hostName', host: 'pc1' },
    page: 1,
  });
});

test('text that is no command is unknown, echoed without the bot mention', () => {
  assert.deepEqual(parseCommand({ text: '<at>MDE Bot</at> good morning', mentions: [BOT] }), {
    kind: 'unknown',
    text: 'good morning',
    suggestions: [],
  });
});

test('an unknown message echoes a user mention by name', () => {
  const result = parseCommand({ text: 'hello <at>Jane Doe</at> there', mentions: [JANE] });
  assert.deepEqual(result, { kind: 'unknown', text: 'hello @Jane Doe there', suggestions: [] });
});
