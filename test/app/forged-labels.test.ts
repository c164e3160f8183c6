// A click payload is sender-controlled: its `label` must never name a machine on a card (a forged
// "CEO-LAPTOP" over another machine's logons, visible to a whole channel). Names come from Defender.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as facts from '../../src/simulator/data/facts';
import { cardOf, cardText, clickOf, personalMessage, startHarness, submitActions, type Harness } from '../../scripts/rig/bot-harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const FORGED = 'CEO-LAPTOP';

for (const action of ['logonUsers', 'machineDetails'] as const) {
  test(`a ${action} click whose label is forged: the card never shows the label`, async () => {
    const id = facts.SEED_MACHINE_IDS.mymachine1;
    const click = personalMessage('', { value: { action, machineId: id, label: FORGED }, text: `${action} ${id}` });
    const replies = await h.exchange(click);
    assert.equal(replies.length, 1);
    const reply = replies[0] ?? {};
    const shown = `${cardText(cardOf(reply))}\n${String(reply.summary)}\n${String(reply.text ?? '')}`;
    assert.ok(!shown.includes(FORGED), shown);
    if (action === 'machineDetails') assert.match(shown, /mymachine1\.contoso\.com/, 'the name Defender gave');
    else assert.ok(shown.includes(id.slice(0, 8)), 'the device id stands in until Defender names it');
  });
}

test('a click for a machine Defender does not know names the id in the not-found card, not the label', async () => {
  const id = 'f'.repeat(40);
  const replies = await h.exchange(personalMessage('', { value: { action: 'machineDetails', machineId: id, label: FORGED } }));
  const shown = cardText(cardOf(replies[0] ?? {}));
  assert.ok(!shown.includes(FORGED), shown);
});

test('a label the bot sealed onto its button is shown; the same label with a forged or reused seal is not', async () => {
  const id = facts.SEED_MACHINE_IDS.mymachine1;
  const details = await h.exchange(personalMessage(`machine ${id}`));
  const card = cardOf(details[0] ?? {});
  const whoLoggedOn = submitActions(card).find((a) => a.title === 'Who logged on');
  assert.ok(whoLoggedOn);
  const sealed = whoLoggedOn.data.msteams.value as { machineId: string; label: string; ls: string };
  assert.match(sealed.ls, /^[0-9a-f]{16}$/);
  const honest = await h.exchange(clickOf(whoLoggedOn, details[0] ?? {}));
  assert.match(String(honest[0]?.summary), /logged on to mymachine1\.contoso\.com$/);

  // The seal is bound to id and label: moved to another label, or made up, it proves nothing.
  for (const value of [
    { ...sealed, label: FORGED },
    { ...sealed, label: FORGED, ls: '0123456789abcdef' },
  ]) {
    const forged = await h.exchange(personalMessage('', { value, text: `who logged onto ${id}` }));
    const shown = `${cardText(cardOf(forged[0] ?? {}))}\n${String(forged[0]?.summary)}`;
    assert.ok(!shown.includes(FORGED), shown);
    assert.ok(shown.includes(id.slice(0, 8)), 'the device id stands in');
  }
});
