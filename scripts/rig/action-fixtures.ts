// What the response-action tests share: two demo analysts as Teams senders (Elena has the remediation
// role in the simulated tenant, Sam is a second analyst for four-eyes), the seeded machine they act
// on, the simulator's quick action timings, the bot settings that turn actions on with fast polls, and
// how to ask for an action and find its confirmation card's buttons, and the POSTs (actions sent) the simulated tenant received.
import assert from 'node:assert/strict';
import { type CallLog, type CallEntry, facts } from '../../src/simulator';
import { cardOf, cardText, type Harness, personalMessage, submitActions, type SubmitAction } from './bot-harness';

export const ELENA = { from: { id: '29:elena', name: 'Elena Brandt', aadObjectId: 'a1a1a1a1-0000-4000-8000-00000000000a' } };
export const SAM = { from: { id: '29:sam', name: 'Sam Okafor', aadObjectId: 'c3c3c3c3-0000-4000-8000-00000000000c' } };
export const ACTION_MACHINE = facts.SEED_MACHINE_IDS.mymachine1;
/** Simulated actions go InProgress after 0.3 s and finish after 0.9 s. */
export const FAST_ACTIONS = { actionTimings: { inProgressAfterMs: 300, doneAfterMs: 900 } };
export const ACTIONS_ON = { RESPONSE_ACTIONS: 'all', RESPONSE_ACTION_POLL_MS: '150' };

/** A confirmation card's deciding buttons: Confirm (Approve under four-eyes) and Cancel; fails the test when either is missing. */
export function confirmationButtons(card: Record<string, unknown>): { confirm: SubmitAction; cancel: SubmitAction } {
  const buttons = submitActions(card);
  const confirm = buttons.find((b) => /^(Confirm|Approve):/.test(b.title));
  const cancel = buttons.find((b) => b.title === 'Cancel');
  assert.ok(confirm && cancel, cardText(card));
  return { confirm, cancel };
}

/** Every POST the simulated tenant received, in order: the response actions actually sent to Defender. */
export function actionPosts(sim: { calls: CallLog }): CallEntry[] {
  return sim.calls.entries().filter((e) => e.method === 'POST');
}

/** Asks for an action in a personal chat: its confirmation card, the message id Teams gave it, and its Confirm and Cancel buttons. */
export async function askForAction(
  h: Harness,
  text: string,
  who: Record<string, unknown> = ELENA,
): Promise<{ cardId: string; card: Record<string, unknown>; confirm: SubmitAction; cancel: SubmitAction }> {
  const [reply] = await h.exchange(personalMessage(text, who));
  assert.ok(reply && typeof reply.id === 'string', 'a confirmation card');
  const card = cardOf(reply);
  return { cardId: reply.id, card, ...confirmationButtons(card) };
}
