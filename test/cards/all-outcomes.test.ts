// Every Outcome kind and every ErrorOutcome kind (fixtures.ts makes a missing one a type error):
// valid for the adaptivecards parser at schema 1.2, only mobile-safe element types, plain-text
// summary/fallback, under the size limit, nothing leaking from the template engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CARD_BYTES, renderOutcome } from '../../src/cards';
import { cardBytes } from '../../src/cards/card';
import type { Outcome } from '../../src/handlers/outcome';
import { adaptiveCardProblems } from './adaptivecards-harness';
import { ALLOWED_TYPES, submitButtons, typedNodes } from './card-walk';
import { allOutcomeFixtures, ctx, ERROR_FIXTURES, OUTCOME_FIXTURES } from './fixtures';
import { canonicalText } from '../../src/commands/canonical';

const fixtures = allOutcomeFixtures();

test('the fixture table covers every Outcome kind and every ErrorOutcome kind', () => {
  const kinds = new Set(fixtures.map((f) => f.outcome.kind));
  for (const kind of Object.keys(OUTCOME_FIXTURES)) assert.ok(kinds.has(kind as Outcome['kind']), kind);
  const errorKinds = new Set(fixtures.flatMap((f) => (f.outcome.kind === 'error' ? [f.outcome.error.kind] : [])));
  for (const kind of Object.keys(ERROR_FIXTURES)) assert.ok(errorKinds.has(kind as never), kind);
  for (const [kind, list] of Object.entries(OUTCOME_FIXTURES)) assert.ok(list.length > 0, `no fixture for ${kind}`);
  for (const [kind, list] of Object.entries(ERROR_FIXTURES)) assert.ok(list.length > 0, `no fixture for error ${kind}`);
});

for (const { name, outcome } of fixtures) {
  for (const demo of [false, true]) {
    test(`${name}${demo ? ' (demo)' : ''}: a valid schema-1.2 card with mobile-safe elements, plain summary and fallback`, () => {
      const reply = renderOutcome(outcome, ctx({ demo }));
      const { card } = reply;

      assert.deepEqual(adaptiveCardProblems(card), [], 'adaptivecards parse warnings/errors');
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.2');
      assert.deepEqual(card['msteams'], { width: 'Full' });

      const nodes = typedNodes(card);
      for (const node of nodes)
        assert.ok(ALLOWED_TYPES.has(String(node['type'])), `type ${String(node['type'])} is not in the 1.2 mobile allow-list`);
      assert.ok(
        nodes.some((n) => n['type'] === 'TextBlock'),
        'card says something',
      );
      for (const node of nodes.filter((n) => n['type'] === 'TextBlock')) {
        assert.equal(node['wrap'], true, `TextBlock must wrap on a phone: ${String(node['text'])}`);
        assert.ok(String(node['text']).trim() !== '', 'no empty TextBlock');
      }
      for (const node of nodes.filter((n) => n['type'] === 'ActionSet')) {
        assert.ok(Array.isArray(node['actions']) && node['actions'].length > 0, 'no empty ActionSet');
      }
      for (const node of nodes.filter((n) => n['type'] === 'FactSet')) {
        assert.ok(Array.isArray(node['facts']) && node['facts'].length > 0, 'no empty FactSet');
      }

      for (const b of submitButtons(card)) {
        assert.equal(b.type, 'messageBack');
        assert.equal(b.text, canonicalText(b.value), 'messageBack text is the canonical text of its value');
        assert.ok(b.displayText.trim() !== '' && b.title.trim() !== '');
      }

      for (const text of [reply.summary, reply.fallbackText]) {
        assert.ok(text.trim() !== '', 'non-empty');
        assert.doesNotMatch(
          text,
          /\*\*|<\/?(?:a|at|b|i|p|br|span|script)\b|\]\(|\\[[\]()*_`<>]/i,
          `plain text, no markup or escapes: ${text}`,
        );
      }
      assert.doesNotMatch(reply.summary, /\n/, 'summary is one line');
      assert.equal(card['fallbackText'], reply.fallbackText);

      const json = JSON.stringify(card);
      assert.ok(cardBytes(card) < MAX_CARD_BYTES, `${cardBytes(card)} bytes`);
      assert.doesNotMatch(json, /\$\{|\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/, 'nothing leaked from the template engine');
      assert.equal(json.includes('"$data"') || json.includes('"$when"'), false, 'template directives are gone');
    });
  }
}

test('an empty list of machines is the "no machines" card, saying why that can happen', () => {
  const reply = renderOutcome({ kind: 'machines', userName: 'user1', page: { items: [], number: 1, pages: 1, total: 0, from: 0 } }, ctx());
  assert.equal(reply.summary, 'No machines found for user1');
  assert.match(JSON.stringify(reply.card), /visible with your Defender access/);
});
