// A typing indicator per turn, for answers that take a while: the first one only once the work has
// run for TYPING_DELAY_MS, then renewed until the turn stops it. Most answers come faster than a
// person notices a pause, and for those no indicator is sent at all: one connector POST (an HTTPS
// call to the Bot Framework) fewer per command. teams-ai's own timer is off (./application.ts says why).
import { ActivityTypes, type TurnContext } from 'botbuilder';

/** No indicator for answers ready within this: a shorter wait goes unnoticed. */
export const TYPING_DELAY_MS = 1000;
/** Teams shows a typing indicator for about three seconds; renew just before it lapses. */
export const TYPING_RENEW_MS = 2500;

/** Starts the indicator after `delayMs`; call the returned function to stop it (at the latest when the turn ends). */
export function startTyping(context: TurnContext, delayMs: number = TYPING_DELAY_MS): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const send = async (): Promise<void> => {
    try {
      await context.sendActivity({ type: ActivityTypes.Typing });
    } catch {
      // A lost typing indicator is cosmetic; the answer still follows.
    }
    if (!stopped) timer = setTimeout(() => void send(), TYPING_RENEW_MS);
  };
  timer = setTimeout(() => void send(), delayMs);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
