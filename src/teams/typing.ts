// A typing indicator per turn, sent at once and renewed while the work runs. teams-ai's own timer
// waits a second and is a single field on the shared Application, so concurrent turns would fight over it.
import { ActivityTypes, type TurnContext } from 'botbuilder';

/** Teams shows a typing indicator for about three seconds; renew just before it lapses. */
const RENEW_MS = 2500;

export async function withTyping<T>(context: TurnContext, work: () => Promise<T>): Promise<T> {
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  const send = async (): Promise<void> => {
    try {
      await context.sendActivity({ type: ActivityTypes.Typing });
    } catch {
      // A lost typing indicator is cosmetic; the answer still follows.
    }
    if (!done) timer = setTimeout(() => void send(), RENEW_MS);
  };
  await send();
  try {
    return await work();
  } finally {
    done = true;
    if (timer) clearTimeout(timer);
  }
}
