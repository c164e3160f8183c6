// The rules of the free reading (src/commands/intent.ts), one at a time: what decides whether a name
// is a user or a machine, when a message is not read at all, and what a lone name gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, type Command, type Mention } from '../../src/commands';

const JANE: Mention = { text: '<at>Jane Doe</at>', teamsUserId: '29:jane-id', name: 'Jane Doe', isBot: false };

function parse(text: string): Command {
  return parseCommand({ text, mentions: [JANE] });
}

const user = (name: string, page = 1): Command => ({ kind: 'machinesForUser', user: { kind: 'userName', name }, page });
const host = (h: string) => ({ kind: 'hostName' as const, host: h });
const logons = (h: string, page = 1): Command => ({ kind: 'logonUsers', machine: host(h), page });
const details = (h: string): Command => ({ kind: 'machineDetails', machine: host(h) });

function suggestions(text: string): string[] {
  const result = parse(text);
  assert.equal(result.kind, 'unknown', `${text} → ${JSON.stringify(result)}`);
  return result.kind === 'unknown' ? result.suggestions.map((s) => s.text) : [];
}

test('a label in front of a name says what it is, and is not part of the name', () => {
  assert.deepEqual(parse('Machines for user user1'), user('user1'));
  assert.deepEqual(parse('host web'), details('web'));
  assert.deepEqual(parse('user jdoe'), user('jdoe'));
  assert.deepEqual(parse('ip 10.0.0.5'), { kind: 'machineDetails', machine: { kind: 'ip', ip: '10.0.0.5', family: 4 } });
  assert.deepEqual(parse('users on device pc1'), logons('pc1'));
});

test('a label beats the shape: "user 10.0.0.5" is a user name, "machine user1@contoso.com" is refused as a machine', () => {
  assert.deepEqual(parse('user 10.0.0.5'), user('10.0.0.5'));
  const refused = parse('machine user1@contoso.com');
  assert.ok(refused.kind === 'invalid' && refused.part === 'machine', JSON.stringify(refused));
});

test('a possessive makes the name the owner: of machines a user, of logons or details a machine', () => {
  assert.deepEqual(parse("user1's machines"), user('user1'));
  assert.deepEqual(parse('user1’s laptops'), user('user1'));
  assert.deepEqual(parse("pc1's logons"), logons('pc1'));
  assert.deepEqual(parse("pc1's details"), details('pc1'));
  const jane = { kind: 'mention', teamsUserId: '29:jane-id', displayName: 'Jane Doe' } as const;
  assert.deepEqual(parse("<at>Jane Doe</at>'s machines"), { kind: 'machinesForUser', user: jane, page: 1 });
});

test('a possessive with nothing owned after it stays part of the name, and its quote is refused', () => {
  const result = parse("machines for x's");
  assert.ok(result.kind === 'invalid' && result.reason === 'a user name cannot contain quotes', JSON.stringify(result));
});

test('the shape decides when nothing else does: UPN and DOMAIN\\user are people; FQDN, IP and device id machines', () => {
  assert.deepEqual(parse('jane.doe@contoso.com'), user('jane.doe'));
  assert.deepEqual(parse('CONTOSO\\jdoe'), user('jdoe'));
  assert.deepEqual(parse('pc1.contoso.com'), details('pc1.contoso.com'));
  assert.deepEqual(parse('logins for jane.doe@contoso.com'), user('jane.doe'));
  assert.deepEqual(parse('users of pc1.contoso.com'), logons('pc1.contoso.com'));
});

test('a two-part name is a host only with a host-like ending; "jane.doe" could be a person', () => {
  assert.deepEqual(parse('dc01.corp'), details('dc01.corp'));
  assert.deepEqual(suggestions('jane.doe'), ['machines for jane.doe', 'machine jane.doe', 'who logged onto jane.doe']);
});

test('when the words around a name contradict its shape, the message is not read as a lookup', () => {
  // "on" makes it a place; a UPN cannot be one.
  const result = parse('who logged onto user1@contoso.com');
  assert.ok(result.kind === 'invalid' && result.part === 'machine', JSON.stringify(result));
  const mention = parse('who logged onto <at>Jane Doe</at>');
  assert.ok(mention.kind === 'invalid' && /that is a person/.test(mention.reason), JSON.stringify(mention));
});

test('"by" makes a name the one who logged on; "on", "to", "into" the place', () => {
  assert.deepEqual(parse('logons by user1'), user('user1'));
  assert.deepEqual(parse('logons on pc1'), logons('pc1'));
  assert.deepEqual(parse('where did user1 log on'), user('user1'));
  assert.deepEqual(parse('who signed in to pc1'), logons('pc1'));
});

test('asking for machines makes the name a user; asking who, for logons or for details makes it a machine', () => {
  assert.deepEqual(parse('computers for user1'), user('user1'));
  assert.deepEqual(parse('which machine does user1 use'), user('user1'));
  assert.deepEqual(parse('devices belonging to user1'), user('user1'));
  assert.deepEqual(parse('who uses pc1'), logons('pc1'));
  assert.deepEqual(parse('pc1 users'), logons('pc1'));
  assert.deepEqual(parse('info on pc1'), details('pc1'));
});

test('questions, imperatives, fillers, punctuation and case do not change the reading', () => {
  const phrasings = ["who's logged on to pc1", 'who is logged on pc1', 'WHO IS LOGGED ON PC1?!'];
  phrasings.push('hey bot, can you tell me who is logged on to pc1 pls');
  for (const text of phrasings) {
    assert.deepEqual(parse(text), logons('pc1'), text);
  }
});

test('a page at the end applies to the list the free reading finds, and a bad page is refused', () => {
  assert.deepEqual(parse("user1's machines page 3"), user('user1', 3));
  assert.deepEqual(parse('pc1 logons page 2'), logons('pc1', 2));
  const reason = 'the page must be a whole number from 1 to 1000';
  assert.deepEqual(parse("user1's machines page 0"), { kind: 'invalid', command: 'machinesForUser', part: 'page', input: '0', reason });
});

test('a lone name that could be either gets a choice, the likelier reading first', () => {
  assert.deepEqual(suggestions('pc1'), ['machine pc1', 'who logged onto pc1', 'machines for pc1']);
  assert.deepEqual(suggestions('user1'), ['machines for user1', 'machine user1', 'who logged onto user1']);
  assert.deepEqual(suggestions('nyc-app-0044'), ['machine nyc-app-0044', 'who logged onto nyc-app-0044', 'machines for nyc-app-0044']);
});

test('a lone plain word is not taken for a name, so "lunch?" is not a lookup and gets no suggestions', () => {
  assert.deepEqual(suggestions('lunch?'), []);
  assert.deepEqual(suggestions('jdoe'), []);
});

test('a plain word is a name only when machines or logging on are asked for in so many words', () => {
  assert.deepEqual(parse('who logged onto web'), logons('web'));
  assert.deepEqual(parse("jdoe's computers"), user('jdoe'));
  assert.deepEqual(suggestions('who is on call'), []);
  assert.deepEqual(suggestions('info on web'), ['machine web', 'who logged onto web', 'machines for web']);
});

test('a message with another unknown word is not a lookup, and suggests lookups about its names', () => {
  assert.deepEqual(suggestions('quarantine pc1.contoso.com'), ['machine pc1.contoso.com', 'who logged onto pc1.contoso.com']);
  assert.deepEqual(suggestions('vulnerabilities for user1'), ['machines for user1', 'machine user1', 'who logged onto user1']);
  assert.deepEqual(suggestions('disable jane.doe@contoso.com'), ['machines for jane.doe@contoso.com']);
  assert.deepEqual(suggestions('is pc1 down?'), ['machine pc1', 'who logged onto pc1', 'machines for pc1']);
});

test('suggestions prefer names that can only be one thing over plain words', () => {
  assert.deepEqual(suggestions('enumerate things for jane.doe@contoso.com'), ['machines for jane.doe@contoso.com']);
});

test('two names are not guessed between', () => {
  assert.equal(parse('has user1 logged onto pc1').kind, 'unknown');
  assert.equal(parse('compare pc1 and pc2').kind, 'unknown');
});

test('thanks and greetings with a name talk to people, not about them', () => {
  assert.equal(parse('thanks <at>Jane Doe</at>').kind, 'unknown');
  assert.equal(parse('hello <at>Jane Doe</at>').kind, 'unknown');
  assert.equal(parse('thanks user1@contoso.com').kind, 'unknown');
  assert.equal(parse('thanks for the info on pc1').kind, 'unknown');
  // Nobody is called 10.0.0.5: greeting the bot and naming a machine asks about it.
  assert.deepEqual(parse('hey bot, 10.0.0.5'), { kind: 'machineDetails', machine: { kind: 'ip', ip: '10.0.0.5', family: 4 } });
});

test('what is asked for without a name asks for the name', () => {
  const whichUser = 'say which user, e.g. machines for user1';
  const whichMachine = 'say which machine, e.g. who logged onto mymachine1.contoso.com';
  const asked = { kind: 'invalid', input: '' } as const;
  assert.deepEqual(parse('show me all my machines'), { ...asked, command: 'machinesForUser', part: 'user', reason: whichUser });
  assert.deepEqual(parse('list the sign-ins'), { ...asked, command: 'logonUsers', part: 'machine', reason: whichMachine });
  assert.equal(parse('sign in').kind, 'unknown');
});

test('"logs" is logging on only before a place: "show the logs for pc1" is not a lookup', () => {
  assert.deepEqual(parse('who logs onto pc1'), logons('pc1'));
  assert.equal(parse('show the logs for pc1').kind, 'unknown');
});

test('the verb grammar keeps its refusals where the free reading finds nothing better', () => {
  assert.match((parse('machines for jane doe') as { reason: string }).reason, /cannot contain spaces/);
  assert.match((parse("machine x' or 1 eq 1") as { reason: string }).reason, /cannot contain quotes/);
  // …and the free reading wins where it does: the verb alone would take "pc1 logons" for one host name.
  assert.deepEqual(parse('machine pc1 logons'), logons('pc1'));
});
