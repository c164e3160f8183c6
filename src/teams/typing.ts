// A typing indicator per turn, for answers that take a while: the first one only once the work has
// run for TYPING_DELAY_MS, then renewed until the turn stops it. Most answers come faster than a
// person notices a pause, and for those no indicator is sent at all: one connector POST (an HTTPS
// call to the Bot Framework) fewer per command.
//
// Not teams-ai's own timer: it is a single field on the shared Application, so of several turns in
// flight only one gets an indicator. And it cannot be switched off by its option: teams-ai 1.7.4's
// Application.run() calls startTypingTimer() whatever `startTypingTimer: false` says (the option is
// stored, never read), so withoutTeamsAiTypingTimer() switches it off on the instance.
import type { Application, TurnState } from '@microsoft/teams-ai';
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

/** Switches off teams-ai's built-in typing timer on `app` (see the top of this file); returns `app`. */
export function withoutTeamsAiTypingTimer<App extends Application<TurnState>>(app: App): App {
  app.startTypingTimer = (): void => undefined;
  return app;
}
