// teams-ai's Application, the router, with the settings this bot runs with. The benchmark's baseline
// builds its Application here too, so the framework's own work is the same in both.
//
// Its built-in typing timer stays off; ./typing.ts sends the indicator instead. teams-ai's timer is
// a single field on the shared Application, so of several turns in flight only one would get an
// indicator. The option meant to switch it off does not: teams-ai 1.7.4 stores
// `startTypingTimer: false` but never reads it, and Application.run() calls startTypingTimer() on
// every turn. So this subclass overrides that public method; `override` makes the compiler say so
// if a teams-ai update renames it.
import { Application, type TeamsAdapter, TurnState } from './teams-ai';
import type { TurnContext } from 'botbuilder';

class QuietApplication extends Application<TurnState> {
  override startTypingTimer(_context: TurnContext): void {
    // ./typing.ts: one indicator per turn, and only for answers that take a while.
  }
}

export function newTeamsApplication(adapter: TeamsAdapter): Application<TurnState> {
  return new QuietApplication({
    adapter,
    // Stated for when teams-ai starts reading it; QuietApplication is what switches the timer off today.
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState(),
  });
}
