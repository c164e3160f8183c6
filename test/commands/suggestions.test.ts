import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand } from '../../src/commands';
import { editDistance } from '../../src/commands/suggest';

function suggestionsFor(text: string): string[] {
  const result = parseCommand({ text });
  assert.equal(result.kind, 'unknown', `${text} → ${JSON.stringify(result)}`);
  return result.kind === 'unknown' ? result.suggestions.map((s) => s.text) : [];
}

test("a misspelt verb suggests the corrected command with the user's argument", () => {
  assert.deepEqual(suggestionsFor('machiens for user1'), ['machines for user1']);
  assert.deepEqual(suggestionsFor('who loged onto pc1'), ['who logged onto pc1']);
  assert.deepEqual(suggestionsFor('devcies for CONTOSO\\user1'), ['devices for CONTOSO\\user1']);
  assert.deepEqual(suggestionsFor('hlep'), ['help']);
});

test('a missing space in the verb is corrected too', () => {
  assert.deepEqual(suggestionsFor('machinesfor user1'), ['machines for user1']);
});

test('a suggestion keeps the page the user asked for', () => {
  assert.deepEqual(suggestionsFor('machiens for user1 page 2'), ['machines for user1 page 2']);
});

test("a misspelt verb without an argument suggests the command's example", () => {
  assert.deepEqual(suggestionsFor('machiens for'), ['machines for user1']);
});

test('every suggestion parses to the command it suggests', () => {
  for (const text of ['machiens for user1', 'who loged onto pc1', 'logns on 10.0.0.5', 'detials for pc1', 'machien pc1', 'hepl']) {
    for (const suggestion of suggestionsFor(text)) {
      const kind = parseCommand({ text: suggestion }).kind;
      assert.ok(kind !== 'unknown' && kind !== 'invalid', `${text} suggested ${suggestion} (${kind})`);
    }
  }
});

test('a misspelt verb with an unusable argument suggests nothing that would fail', () => {
  assert.deepEqual(suggestionsFor('machiens for ../etc'), []);
});

test('unrelated text gets no suggestions, and never more than three', () => {
  assert.deepEqual(suggestionsFor('good morning everyone'), []);
  assert.deepEqual(suggestionsFor('x'), []);
  assert.ok(suggestionsFor('machin for x').length <= 3);
});

test('a suggestion is offered once per command', () => {
  const suggestions = suggestionsFor('who loged on to pc1');
  assert.deepEqual(suggestions, ['who logged on to pc1']);
});

test('edit distance counts an adjacent swap as one edit', () => {
  assert.equal(editDistance('machiens', 'machines'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});
