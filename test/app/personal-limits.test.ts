// Per-person limits through the real bot: past COMMANDS_PER_USER_PER_MINUTE a person gets a card
// that says why and when to retry, without any Defender call; a colleague is answered as usual.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardOf, cardText, personalMessage, startHarness, type Harness } from '../../scripts/rig/bot-harness';

let h: Harness;
before(async () => {
  h = await startHarness({ COMMANDS_PER_USER_PER_MINUTE: '2' });
});
after(async () => {
  await h?.close();
});

const from = (id: string) => ({ from: { id, name: id, aadObjectId: undefined } });

test('the third Defender command in a minute from one person → a card naming the per-person limit, no Defender call', async () => {
  for (let i = 0; i < 2; i++) {
    const [reply] = await h.exchange(personalMessage('machines for user1', from('29:eager')));
    assert.match(cardText(cardOf(reply ?? {})), /user1/);
  }
  const calls = h.sim.calls.entries().length;
  const [refused] = await h.exchange(personalMessage('machines for user1', from('29:eager')));
  const text = cardText(cardOf(refused ?? {}));
  assert.match(text, /You’re sending commands faster than I take them/);
  assert.match(text, /up to 2 Defender commands a minute/);
  assert.match(text, /Try again in \d+ seconds?\./);
  assert.match(String(refused?.summary), /^Too many commands: try again in \d+ seconds?$/);
  assert.equal(h.sim.calls.entries().length, calls, 'no Defender call');
  const [help] = await h.exchange(personalMessage('help', from('29:eager')));
  assert.match(cardText(cardOf(help ?? {})), /What I can do/, 'commands that do not call Defender are not counted');
  const [colleague] = await h.exchange(personalMessage('machines for user1', from('29:colleague')));
  assert.doesNotMatch(cardText(cardOf(colleague ?? {})), /faster than I take them/);
});
