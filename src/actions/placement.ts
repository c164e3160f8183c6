// Where the answer to a click on a confirmation card goes: into that card (the request was decided, so
// none of its buttons may be pressed again) or beside it (the request is untouched and still open).
// The Teams layer edits the clicked message or posts a new one accordingly (../teams/turn/deliver.ts).
import type { Command } from '../commands/types';
import type { Outcome } from '../handlers/outcome';

/** Confirm, Approve and Cancel: the clicks whose answer may replace the card they were on. */
export function isConfirmationClick(command: Command): boolean {
  return command.kind === 'confirmAction' || command.kind === 'cancelAction';
}

/** True when the answer to `command` must not replace the card that was clicked. */
export function answersBesideClickedCard(command: Command, outcome: Outcome): boolean {
  if (!isConfirmationClick(command)) return false;
  return !('replacesClickedCard' in outcome && outcome.replacesClickedCard === true);
}
