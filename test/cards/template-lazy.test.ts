// The card layer loads the template engine with the first card, not at import: a production process
// idles without it (BENCHMARKS.md, "Production start"). `node --test` gives this file its own process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sep } from 'node:path';
import { renderOutcome } from '../../src/cards';
import { templateEngineLoaded } from '../../src/cards/template';
import { ctx, machines, machinesOutcome } from './fixtures';

const engineFiles = (): string[] =>
  Object.keys(require.cache).filter(
    (f) => f.includes(`${sep}adaptivecards-templating${sep}`) || f.includes(`${sep}adaptive-expressions${sep}`),
  );

test('importing the card layer loads no template engine; the first card loads it and the next ones reuse it', () => {
  assert.deepEqual(engineFiles(), []);
  assert.equal(templateEngineLoaded(), false);
  const first = renderOutcome(machinesOutcome(machines(3), 1), ctx());
  assert.equal(templateEngineLoaded(), true);
  assert.ok(engineFiles().length > 100, 'adaptivecards-templating and adaptive-expressions are loaded now');
  const again = renderOutcome(machinesOutcome(machines(3), 1), ctx());
  assert.deepEqual(again, first);
  assert.equal(JSON.stringify(first.card).includes('${'), false, 'every field was expanded');
});
