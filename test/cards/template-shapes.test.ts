// Shape expansion (src/cards/template-shapes.ts) must give exactly the engine's card. This file runs
// every card test of this folder again with each card also expanded by adaptivecards-templating and
// compared deep-equal (a difference throws inside renderOutcome, failing that test), then checks the
// binding rules on their own: hostile strings, reuse per shape, templates the shapes do not cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cardTemplate, checkShapesAgainstEngine } from '../../src/cards/template';
import { MAX_SHAPES, onlyPlainPaths, placeholderData, ShapeCache, shapeOf } from '../../src/cards/template-shapes';

const check = checkShapesAgainstEngine();

// template-lazy needs a process in which no card was rendered yet; this file is the one running.
const OWN_PROCESS = new Set(['template-lazy.test.js', basename(__filename)]);
const cardTests = readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && !OWN_PROCESS.has(f));
for (const file of cardTests) require(join(__dirname, file));

test('data strings are bound as text: placeholder look-alikes, ${…} and markdown in the data stay as they are', () => {
  const t = cardTemplate<{ a: string; b: string; list: Array<{ x: string }> }>({
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: '${a} and ${b}' },
      { $data: '${list}', type: 'TextBlock', text: '**${x}**' },
    ],
  });
  const hostile = { a: '\uE0001\uE001', b: '${a} `x` [y](z)', list: [{ x: '\uE000' }, { x: '$' }] };
  assert.deepEqual(t.expand(hostile), {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: '\uE0001\uE001 and ${a} `x` [y](z)' },
      [
        { type: 'TextBlock', text: '**\uE000**' },
        { type: 'TextBlock', text: '**$**' },
      ],
    ].flat(),
  });
});

test('one engine expansion per shape: the same shape with other strings reuses it, another list length or flag does not', () => {
  let engineCalls = 0;
  const cache = new ShapeCache((data) => {
    engineCalls++;
    return { echoed: data };
  });
  assert.deepEqual(cache.expand({ a: 'x', on: true, list: ['p', 'q'] }), { echoed: { a: 'x', on: true, list: ['p', 'q'] } });
  assert.deepEqual(cache.expand({ a: 'y', on: true, list: ['r', 's'] }), { echoed: { a: 'y', on: true, list: ['r', 's'] } });
  assert.equal(engineCalls, 1);
  cache.expand({ a: 'y', on: false, list: ['r', 's'] });
  cache.expand({ a: 'y', on: true, list: ['r'] });
  cache.expand({ a: '', on: true, list: ['r', 's'] });
  assert.equal(engineCalls, 4);
  assert.equal(cache.size, 4);
});

test('each template keeps its most recently used shapes: past MAX_SHAPES the least recently used one goes', () => {
  const expandedLengths: number[] = [];
  const cache = new ShapeCache((data) => {
    expandedLengths.push((data as { list: unknown[] }).list.length);
    return data;
  });
  const ofLength = (n: number) => ({ list: Array.from({ length: n }, () => 'x') });
  for (let n = 0; n < MAX_SHAPES; n++) cache.expand(ofLength(n));
  cache.expand(ofLength(0)); // used again: now the most recent
  cache.expand(ofLength(MAX_SHAPES)); // one too many: length 1, the least recently used, goes
  assert.equal(cache.size, MAX_SHAPES);
  expandedLengths.length = 0;
  cache.expand(ofLength(0));
  cache.expand(ofLength(2));
  assert.deepEqual(expandedLengths, []);
  cache.expand(ofLength(1));
  assert.deepEqual(expandedLengths, [1]);
});

test('shape keys: strings count by position, everything else by value; non-plain data has no shape', () => {
  const strings: string[] = [];
  assert.equal(shapeOf({ n: 2, s: 'a', e: '', u: undefined, z: null, l: [true, false] }, strings), '{1:nn2;1:ss1:ee1:uu1:zz1:l[tf]}');
  assert.deepEqual(strings, ['a']);
  assert.equal(shapeOf({ when: new Date(0) }, []), undefined);
  assert.equal(shapeOf({ f: () => 1 }, []), undefined);
  assert.deepEqual(placeholderData({ s: 'a', l: ['b', ''], n: 1 }), { s: '\uE0000\uE001', l: ['\uE0001\uE001', ''], n: 1 });
});

test('a template with anything but plain property paths in ${…} is expanded by the engine every time', () => {
  assert.equal(onlyPlainPaths({ text: 'Hi ${name}', nested: [{ v: '${a.b_c}' }] }), true);
  for (const expr of ['${a + b}', '${if(a, b, c)}', '${$index}', '${$root.x}', '${a[0]}', '${a', '${a}}${'])
    assert.equal(onlyPlainPaths({ text: expr }), false, expr);
  const t = cardTemplate<{ a: string; b: string }>({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '${concat(a, b)}' }] });
  assert.deepEqual(t.expand({ a: 'x', b: 'y' }), { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'xy' }] });
});

// Registered last, so it runs after every card test above (node:test runs a file's tests in order).
test('every card rendered by the card tests was compared with the engine', () => {
  assert.ok(cardTests.length >= 15, `card test files found: ${cardTests.join(', ')}`);
  // all-outcomes.test.ts alone renders every Outcome fixture twice (with and without the demo footer).
  assert.ok(check.compared >= 500, `only ${check.compared} cards were compared with the engine`);
});
