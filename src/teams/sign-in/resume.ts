// Running a command that waited for its asker to sign in. The invoke that completed the sign-in is
// answered first (Teams expects invokes to be quick); the command then goes through the same run and
// deliver steps as any message (../turn), in a new turn in the conversation it came from, as the
// person who asked.
import type { TurnContext } from 'botbuilder';
import type { Outcome } from '../../handlers/outcome';
import type { Delivery } from '../turn/deliver';
import { turnOf, type AskedCommand, type Turn, type TurnResult } from '../turn/turn';

export interface ResumeDeps {
  run(context: TurnContext, turn: Turn): Promise<TurnResult>;
  delivery: Delivery;
}

/** `resume(pending)` runs the waiting command; `resume(pending, outcome)` answers it with why the sign-in failed. */
export function resumer(deps: ResumeDeps): (pending: AskedCommand, failed?: Outcome) => void {
  return (pending, failed) => {
    const turn = turnOf(pending);
    // A sign-in that just failed is answered with its card: another prompt right away cannot help.
    const answerFailed = async (): Promise<TurnResult> => ({ kind: 'answer', outcome: failed as Outcome });
    deps.delivery.resume(turn, failed === undefined ? (later) => deps.run(later, turn) : answerFailed);
  };
}
