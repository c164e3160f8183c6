// Input written to break things: path traversal, OData injection, encoded separators, control
// characters, floods. Each is refused with a reason that says what is wrong, and never echoed in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, type Command } from '../../src/commands';
import { MAX_MESSAGE_LENGTH } from '../../src/commands/parse';
import { unsafeParts } from './safety';

function refused(text: string): Extract<Command, { kind: 'invalid' }> {
  const result = parseCommand({ text });
  assert.equal(result.kind, 'invalid', `${JSON.stringify(text).slice(0, 80)} → ${JSON.stringify(result).slice(0, 200)}`);
  assert.deepEqual(unsafeParts(result), []);
  return result as Extract<Command, { kind: 'invalid' }>;
}

test('path traversal in a user or a machine is refused as a path separator', () => {
  assert.match(refused('machines for ../../admin').reason, /path separator/);
  assert.match(refused('machines for ..\\..\\admin').reason, /path separator/);
  assert.match(refused('who logged onto ../machines').reason, /path separator/);
  assert.match(refused('machine pc1/../../api').reason, /path separator/);
});

test('".." inside an argument is refused as ".."', () => {
  assert.match(refused('machines for ..user1').reason, /"\.\."/);
  assert.match(refused('machine pc1..x').reason, /"\.\."/);
});

test('dots at the very end are sentence punctuation, so "machines for .." lacks a user', () => {
  assert.equal(refused('machines for ..').reason, 'say which user, e.g. machines for user1');
});

test('OData injection through quotes is refused', () => {
  assert.equal(refused("machines for x' or 1 eq 1").reason, 'a user name cannot contain quotes');
  assert.equal(refused("machine x' or 1 eq 1").reason, 'a machine name cannot contain quotes');
  assert.equal(refused("who logged onto pc1')&$filter=true").reason, 'a machine name cannot contain quotes');
  // Quotes arriving as HTML entities are the same quotes.
  assert.equal(refused('machines for x&#39;or&#39;').reason, 'a user name cannot contain quotes');
});

test('percent-encoded separators are refused', () => {
  assert.match(refused('machines for ..%2f..%2fadmin').reason, /cannot contain %/);
  assert.match(refused('machine pc1%2F').reason, /cannot contain %/);
  assert.match(refused('machine %2e%2e').reason, /cannot contain %/);
});

test('look-alike characters are normalised before they are checked', () => {
  // Fullwidth solidus and the two-dot leader become "/" and ".." under NFKC.
  assert.match(refused('machines for a／b').reason, /path separator/);
  assert.match(refused('machines for a‥b').reason, /"\.\."/);
});

test('control and invisible formatting characters are refused, and not echoed', () => {
  const nul = refused('machines for user\u00001');
  assert.match(nul.reason, /control characters/);
  assert.equal(nul.input, 'user1');
  assert.match(refused('machines for user\u202e1').reason, /control characters/);
  assert.match(refused('machine pc\u00071').reason, /control characters/);
  assert.match(refused('machines for user1&#0;').reason, /control characters/);
});

test('a 10 KB argument is refused as too long and echoed in at most 60 characters', () => {
  const user = refused(`machines for ${'a'.repeat(10_000)}`);
  assert.match(user.reason, /at most 64 characters/);
  assert.ok(user.input.length <= 60 && user.input.endsWith('…'));
  const machine = refused(`who logged onto ${'b'.repeat(10_000)}`);
  assert.match(machine.reason, /at most 253 characters/);
  assert.ok(machine.input.length <= 60);
});

test('a 10 KB message of no command is echoed in at most 100 characters', () => {
  const result = parseCommand({ text: `${'zz '.repeat(3_500)}` });
  assert.ok(result.kind === 'unknown' && result.text.length <= 100 && result.text.endsWith('…'));
});

test('a 10 KB flood of mentions and entities is handled', () => {
  const mention = { text: '<at>J</at>', teamsUserId: '29:j', name: 'J', isBot: false };
  const result = parseCommand({ text: `machines for ${'<at>J</at>'.repeat(1_000)}${'&amp;'.repeat(1_000)}`, mentions: [mention] });
  assert.equal(result.kind, 'invalid');
  assert.deepEqual(unsafeParts(result), []);
});

test('a missing or empty argument is refused with what to say instead', () => {
  assert.equal(refused('machines for').reason, 'say which user, e.g. machines for user1');
  assert.equal(refused('machine').reason, 'say which machine, e.g. machine mymachine1.contoso.com');
  assert.equal(refused('machines for&nbsp;').reason, 'say which user, e.g. machines for user1');
});

test('input that is not a ParseInput at all parses to help rather than throwing', () => {
  for (const input of [null, undefined, 42, 'machines for user1', { text: 5 }, { text: ['help'] }, { mentions: 'x' }]) {
    assert.deepEqual(parseCommand(input as unknown as Parameters<typeof parseCommand>[0]), { kind: 'help' });
  }
});

test('a message longer than any Teams message is not parsed, only echoed in part', () => {
  const result = parseCommand({ text: `machines for user1 ${' '.repeat(MAX_MESSAGE_LENGTH)}` });
  assert.deepEqual(result, { kind: 'unknown', text: 'machines for user1', suggestions: [] });
});

test('adversarial floods of up to 200 KB parse in well under a second each', () => {
  const floods = [
    `machines for ${'?'.repeat(200_000)}x`,
    `machines for x${',?'.repeat(100_000)}`,
    `${'<p '.repeat(66_000)}`,
    `${(`<p${' '.repeat(199)}`).repeat(1_000)}`,
    `${'&amp;'.repeat(40_000)}`,
    `machine ${'a-'.repeat(100_000)}`,
    `${'please '.repeat(28_000)}`,
    `x ${'thanks '.repeat(28_000)}`,
    `machines for ${'a@'.repeat(100_000)}`,
    `machine [${']'.repeat(200_000)}`,
    // Just under the message limit, so these are parsed rather than cut off: each once took minutes
    // in a regex that trimmed or matched punctuation at the end of a word.
    `${'?'.repeat(98_000)}x`,
    `pc1 ${'?.'.repeat(49_000)}x machines`,
    `x's${'.'.repeat(98_000)}y machines`,
    `x${')'.repeat(98_000)}x`,
    `${':'.repeat(98_000)}x`,
    `who logged onto ${'x-'.repeat(49_000)}`,
    `${'pc1 '.repeat(24_000)}`,
    `users on ${'who logged on to '.repeat(5_000)}pc1`,
  ];
  for (const text of floods) {
    const started = process.hrtime.bigint();
    const result = parseCommand({ text });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 1_000, `${text.slice(0, 20)}… took ${ms} ms`);
    assert.deepEqual(unsafeParts(result), []);
  }
});
