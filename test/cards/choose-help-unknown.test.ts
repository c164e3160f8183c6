import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import { canonicalText } from '../../src/commands/canonical';
import { COMMANDS } from '../../src/commands/definitions';
import { escapeMarkdown, md } from '../../src/cards/escape';
import { MAX_CANDIDATES } from '../../src/cards/view-models/choose-machine';
import { SUGGESTION_BUTTON_MAX_CHARS } from '../../src/cards/view-models/unknown';
import { submitButtons, textBlocks } from './card-walk';
import { ctx, LONG_HOST_NAMES, machine, machines } from './fixtures';

test('choose machine: asks which one, with one button per candidate for the right purpose', () => {
  const list = machines(3);
  const reply = renderOutcome({ kind: 'chooseMachine', query: 'pc1', purpose: 'logonUsers', candidates: list }, ctx());
  assert.equal(textBlocks(reply.card)[0], 'Several machines match **pc1** — which one?');
  assert.equal(reply.summary, '3 machines match pc1 — which one?');
  const buttons = submitButtons(reply.card);
  assert.deepEqual(
    buttons.map((b) => b.value),
    list.map((m) => ({ action: 'logonUsers', machineId: m.id, label: m.computerDnsName })),
  );
  const first = list[0];
  assert.ok(first);
  // Short buttons, each beside its candidate's details under its full host name (a phone cuts long button titles short).
  assert.deepEqual(
    buttons.map((b) => b.title),
    ['Logons', 'Logons', 'Logons'],
  );
  assert.equal(buttons[0]?.text, canonicalText({ action: 'logonUsers', machineId: first.id, label: 'pc1.contoso.com' }));
  assert.equal(buttons[0]?.displayText, `Who logged on to pc1.contoso.com (${first.id.slice(0, 8)}…)`);
  const texts = textBlocks(reply.card);
  assert.ok(texts.includes(`**${md('pc1.contoso.com')}**`), texts.join(' | '));
  assert.ok(texts.includes(`seen 7 min ago · 10.0.0.1 · Windows 11 22H2 · id ${first.id.slice(0, 8)}…`), texts.join(' | '));
});

test('choose machine: a 63-character host name is shown whole in the text, never in the button', () => {
  const list = LONG_HOST_NAMES.map((computerDnsName, i) => machine({ n: 31 + i, computerDnsName }));
  const reply = renderOutcome({ kind: 'chooseMachine', query: 'emea', purpose: 'machineDetails', candidates: list }, ctx());
  const texts = textBlocks(reply.card);
  for (const name of LONG_HOST_NAMES) assert.ok(texts.includes(`**${md(name)}**`), `${name}: ${texts.join(' | ')}`);
  assert.deepEqual(
    submitButtons(reply.card).map((b) => [b.title, b.value]),
    list.map((m) => ['Details', { action: 'machineDetails', machineId: m.id, label: m.computerDnsName }]),
  );
});

test('choose machine: for details the buttons ask for machineDetails', () => {
  const reply = renderOutcome(
    { kind: 'chooseMachine', query: 'pc', purpose: 'machineDetails', candidates: [machine({ n: 1 }), machine({ n: 2 })] },
    ctx(),
  );
  assert.deepEqual(
    submitButtons(reply.card).map((b) => b.value.action),
    ['machineDetails', 'machineDetails'],
  );
});

test(`choose machine: at most ${MAX_CANDIDATES} buttons, and the card says how many more matched and to refine the name`, () => {
  const reply = renderOutcome(
    { kind: 'chooseMachine', query: 'pc', purpose: 'machineDetails', candidates: machines(MAX_CANDIDATES + 4) },
    ctx(),
  );
  assert.equal(submitButtons(reply.card).length, MAX_CANDIDATES);
  assert.ok(
    textBlocks(reply.card).some((t) => t.startsWith(`Showing ${MAX_CANDIDATES} of ${MAX_CANDIDATES + 4} matches. Refine the name`)),
  );
  const few = renderOutcome({ kind: 'chooseMachine', query: 'pc', purpose: 'machineDetails', candidates: machines(2) }, ctx());
  assert.equal(
    textBlocks(few.card).some((t) => t.startsWith('Showing')),
    false,
  );
});

test('help: generated from COMMANDS — every usage, description and example, with a Try button per command that takes an argument', () => {
  const reply = renderOutcome({ kind: 'help' }, ctx());
  const json = JSON.stringify(reply.card);
  const texts = textBlocks(reply.card);
  for (const c of COMMANDS) {
    assert.ok(texts.includes(`**${c.usage.replace(/[<>]/g, (x) => `\\${x}`)}**`), c.usage);
    assert.ok(json.includes(JSON.stringify(c.description.replace(/[()]/g, (x) => `\\${x}`)).slice(1, -1)), c.description);
    for (const e of c.examples)
      assert.ok(
        texts.some((t) => t.includes(escapeMarkdown(e))),
        e,
      );
  }
  const tries = submitButtons(reply.card);
  assert.deepEqual(
    tries.map((b) => b.value),
    COMMANDS.filter((c) => c.argument).map((c) => ({ action: 'run', text: c.examples[0] })),
  );
  for (const b of tries) assert.equal(b.text, b.value.action === 'run' ? b.value.text : '');
  // The button says what it does in a few words (the example is in the list right above it); the
  // chat shows the example as what the user said.
  assert.deepEqual(
    tries.map((b) => [b.title, b.displayText]),
    COMMANDS.filter((c) => c.argument).map((c) => ['Try the first example', c.examples[0]]),
  );
});

test('unknown: echoes the text (escaped), offers did-you-mean buttons, the help hint and a Help button', () => {
  const reply = renderOutcome(
    { kind: 'unknown', text: 'mashines for *user1*', suggestions: [{ text: 'machines for user1' }, { text: 'machines for user1' }] },
    ctx(),
  );
  assert.equal(textBlocks(reply.card)[0], 'I didn’t understand “mashines for \\*user1\\*”. Did you mean:');
  assert.equal(reply.summary, 'I didn’t understand “mashines for *user1*”');
  assert.deepEqual(
    submitButtons(reply.card).map((b) => [b.title, b.value, b.text]),
    [
      ['machines for user1', { action: 'run', text: 'machines for user1' }, 'machines for user1'],
      ['Help', { action: 'help' }, 'help'],
    ],
  );
  assert.ok(textBlocks(reply.card).includes('Type **help** to see what I can do, with examples.'));
});

test('unknown: without suggestions there is no "did you mean"', () => {
  const reply = renderOutcome({ kind: 'unknown', text: 'hello', suggestions: [] }, ctx());
  assert.equal(textBlocks(reply.card)[0], 'I didn’t understand “hello”.');
  assert.deepEqual(
    submitButtons(reply.card).map((b) => b.value),
    [{ action: 'help' }],
  );
});

test('unknown: a suggestion too long for a phone button is written out (escaped) above a short "Run this"; short ones stay the caption', () => {
  const long = 'who logged onto my_machine1.contoso.com';
  const reply = renderOutcome(
    { kind: 'unknown', text: 'who loged onto my_machine1.contoso.com', suggestions: [{ text: long }, { text: 'machines for user1' }] },
    ctx(),
  );
  assert.ok(long.length > SUGGESTION_BUTTON_MAX_CHARS);
  assert.deepEqual(
    submitButtons(reply.card).map((b) => [b.title, b.value, b.displayText]),
    [
      ['Run this', { action: 'run', text: long }, long],
      ['machines for user1', { action: 'run', text: 'machines for user1' }, 'machines for user1'],
      ['Help', { action: 'help' }, 'help'],
    ],
  );
  const blocks = textBlocks(reply.card);
  assert.ok(blocks.includes(md(long)), `the long command is in the text: ${blocks.join(' | ')}`);
  assert.ok(!blocks.includes('machines for user1'), 'a short suggestion is not repeated as text');
  assert.ok(submitButtons(reply.card).every((b) => b.title.length <= SUGGESTION_BUTTON_MAX_CHARS));
});
