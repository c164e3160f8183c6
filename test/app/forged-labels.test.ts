// A click payload is sender-controlled: its `label` must never name a machine on a card (a forged
// "CEO-LAPTOP" over another machine's logons, visible to a whole channel). Names come from Defender.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as facts from '../../src/simulator/data/facts';
import { cardOf, cardText, personalMessage, startHarness, type Harness } from '../../scripts/rig/bot-harness';

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
