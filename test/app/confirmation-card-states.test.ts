// The confirmation card after a click, end to end over HTTP (the real bot, the local connector
// recording every PUT edit): once its request is decided — confirmed, approved, cancelled, expired —
// the clicked card is edited in place to say so and keeps no Confirm, Approve or Cancel button; a
// click that leaves the request open (someone else's, a missing reason) answers beside the card and
// leaves it alone; four-eyes keeps Approve after the requester's own try and says who may approve.
// Where Teams refuses the edit, the same answer arrives as a new message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cardOf,
  cardText,
  clickOf,
  personalMessage,
  startHarness,
  submitActions,
  type Harness,
  type SubmitAction,
} from '../../scripts/rig/bot-harness';
import { waitFor } from '../../scripts/rig/production-rig';
import {
  ELENA,
  SAM,
  ACTION_MACHINE as MACHINE,
  FAST_ACTIONS as FAST,
  ACTIONS_ON as ENV,
  actionPosts,
  askForAction,
} from '../../scripts/rig/action-fixtures';

/** Clicks `button` on the card `cardId` (the click's replyToId, as Teams sends it); the new messages it got. */
async function clickOn(
  h: Harness,
  cardId: string,
  button: SubmitAction,
  who: Record<string, unknown> = ELENA,
): Promise<Array<Record<string, unknown>>> {
  return h.exchange(clickOf(button, { id: cardId }, personalMessage('', who)));
}

/** The card of each edit the connector took for message `cardId`, oldest first. */
function editsOf(h: Harness, cardId: string): Array<Record<string, unknown>> {
  return h.connector.updated.filter((u) => u.activityId === cardId).map((u) => cardOf(u.activity));
}

/** The request-deciding buttons left on a card: Confirm / Approve and Cancel, by the action their value names. */
function decidingButtons(card: Record<string, unknown>): string[] {
  return submitActions(card)
    .filter((b) => {
      const action = (b.data.msteams.value as { action?: unknown }).action;
      return action === 'confirmAction' || action === 'cancelAction';
    })
    .map((b) => b.title);
}

describe('the confirmation card after Confirm, Cancel or a stale click', () => {
  let h: Harness;
  let offsetMs = 0;
  before(async () => {
    h = await startHarness(ENV, FAST, { now: () => new Date(Date.now() + offsetMs) });
  });
  after(async () => {
    await h?.close();
  });

  test('Confirm edits the clicked card to "Confirmed by … — sent" with no Confirm or Cancel left, and the follow-up edits that same card to Succeeded', async () => {
    const { cardId, confirm } = await askForAction(h, `isolate ${MACHINE} INC-51 beaconing`);
    const newMessages = await clickOn(h, cardId, confirm);
    assert.deepEqual(newMessages, [], 'answered in place, not as a new message');
    const [first] = editsOf(h, cardId);
    assert.ok(first, 'the confirmation card was edited');
    assert.match(cardText(first), /Isolate mymachine1\.contoso\.com: Pending/);
    assert.match(cardText(first), /Confirmed by Elena Brandt at \d{4}-\d\d-\d\d \d\d:\d\d UTC — sent to Defender as Elena Brandt\./);
    assert.deepEqual(decidingButtons(first), [], 'no Confirm or Cancel on the edited card');
    const done = await waitFor(() => editsOf(h, cardId).find((c) => /: Succeeded/.test(cardText(c))), 8000, 'the card edited to Succeeded');
    assert.deepEqual(decidingButtons(done), []);
    assert.match(cardText(done), /Confirmed by Elena Brandt/);
    assert.equal(actionPosts(h.sim).length, 1);
  });

  test('Cancel edits the clicked card to "Cancelled by … at …" with no buttons, and nothing is sent', async () => {
    const { cardId, cancel } = await askForAction(h, `scan ${MACHINE} full INC-52`);
    const before = actionPosts(h.sim).length;
    assert.deepEqual(await clickOn(h, cardId, cancel), []);
    const [edited] = editsOf(h, cardId);
    assert.ok(edited, 'the confirmation card was edited');
    assert.match(cardText(edited), /Cancelled: Antivirus scan mymachine1\.contoso\.com/);
    assert.match(cardText(edited), /Cancelled by Elena Brandt at \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Nothing was sent to Defender\./);
    assert.deepEqual(submitActions(edited), []);
    assert.equal(actionPosts(h.sim).length, before);
  });

  test('a click past the confirmation time edits the card to "Expired — ask again" with no buttons', async () => {
    const { cardId, confirm } = await askForAction(h, `release ${MACHINE} INC-53`);
    offsetMs = 11 * 60_000;
    try {
      assert.deepEqual(await clickOn(h, cardId, confirm), []);
    } finally {
      offsetMs = 0;
    }
    const [edited] = editsOf(h, cardId);
    assert.ok(edited, 'the confirmation card was edited');
    assert.match(cardText(edited), /Expired — ask again: Release from isolation mymachine1\.contoso\.com/);
    assert.deepEqual(submitActions(edited), []);
  });

  test('a click that leaves the request open (another analyst, a missing reason) answers beside the card and does not edit it', async () => {
    const other = await askForAction(h, `restrict apps ${MACHINE} INC-54`);
    const [notYours] = await clickOn(h, other.cardId, other.confirm, SAM);
    assert.match(cardText(cardOf(notYours ?? {})), /Only Elena Brandt, who asked for it/);
    const noReason = await askForAction(h, `collect investigation package ${MACHINE}`);
    const [needed] = await clickOn(h, noReason.cardId, noReason.confirm);
    assert.match(cardText(cardOf(needed ?? {})), /A reason is needed/);
    assert.deepEqual(editsOf(h, other.cardId), []);
    assert.deepEqual(editsOf(h, noReason.cardId), []);
  });

  test('where Teams refuses the edit, the decided card arrives as a new message instead', async () => {
    const { cardId, cancel } = await askForAction(h, `scan ${MACHINE} quick INC-55`);
    h.connector.failNextUpdates(403);
    const [posted] = await clickOn(h, cardId, cancel);
    assert.ok(posted, 'a new message');
    assert.match(cardText(cardOf(posted)), /Cancelled by Elena Brandt at/);
    assert.equal(h.connector.updates.filter((u) => u.activityId === cardId && u.answered === 403).length, 1);
  });
});

describe('the four-eyes confirmation card', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ ...ENV, RESPONSE_ACTIONS_APPROVAL: 'second-analyst' }, FAST);
  });
  after(async () => {
    await h?.close();
  });

  test('the requester’s own Approve edits the card to "waiting for a second analyst" and keeps Approve; the second analyst’s edits it to who requested, who approved and when, with no buttons left', async () => {
    const { cardId, confirm } = await askForAction(h, `isolate ${MACHINE} INC-56 lateral movement`);
    assert.deepEqual(await clickOn(h, cardId, confirm), []);
    const [waiting] = editsOf(h, cardId);
    assert.ok(waiting, 'the card was edited after the self-approval');
    assert.match(
      cardText(waiting),
      /Requested by Elena Brandt, waiting for a second analyst: Elena Brandt cannot approve their own request \(tried at /,
    );
    assert.deepEqual(decidingButtons(waiting), ['Approve: Isolate', 'Cancel'], 'Approve stays for someone else');
    assert.equal(actionPosts(h.sim).length, 0);
    // The second analyst clicks Approve on the edited card: its buttons still carry the same request.
    const approve = submitActions(waiting).find((b) => b.title === 'Approve: Isolate');
    assert.ok(approve);
    assert.deepEqual(await clickOn(h, cardId, approve, SAM), []);
    const approved = editsOf(h, cardId)[1];
    assert.ok(approved, 'the card was edited after the approval');
    assert.match(
      cardText(approved),
      /Requested by Elena Brandt at \d{4}-\d\d-\d\d \d\d:\d\d UTC, approved by Sam Okafor at \d{4}-\d\d-\d\d \d\d:\d\d UTC — sent to Defender as Sam Okafor\./,
    );
    assert.deepEqual(decidingButtons(approved), []);
    assert.equal(actionPosts(h.sim).length, 1);
  });
});
