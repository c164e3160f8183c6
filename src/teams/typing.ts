// A typing indicator per turn, sent at once and renewed while the work runs. teams-ai's own timer
// waits a second and is a single field on the shared Application, so concurrent turns would fight over it.
import { ActivityTypes, type TurnContext } from 'botbuilder';

/** Teams shows a typing indicator for about three seconds; renew just before it lapses. */
const RENEW_MS = 2500;

/** Starts the indicator; call the returned function to stop it (at the latest when the turn ends). */
export function startTyping(context: TurnContext): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const send = async (): Promise<void> => {
    try {
      await context.sendActivity({ type: ActivityTypes.Typing });
    } catch {
      // A lost typing indicator is cosmetic; the answer still follows.
    }
    if (!stopped) timer = setTimeout(() => void send(), RENEW_MS);
  };
  void send();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
