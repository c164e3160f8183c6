// The welcome card's timing: once per install, although Teams announces an install twice.
import type { TurnContext } from 'botbuilder';
import { BoundedMap } from '../shared/bounded-map';

export type InstallEvent = 'membersAdded' | 'installationUpdate';

/**
 * Teams announces one install with two activities, installationUpdate and membersAdded with the bot,
 * in either order: the first welcomes, the other one (within 10 s, same conversation) does not. A
 * later install, or the same event again (a reinstall), welcomes again.
 */
export function welcomeOnce(
  send: (context: TurnContext) => Promise<unknown>,
): (context: TurnContext, event: InstallEvent) => Promise<void> {
  const recent = new BoundedMap<string, InstallEvent>({ max: 10_000, ttlMs: 10_000 });
  return async (context, event) => {
    const conversation = context.activity.conversation?.id ?? '';
    const first = recent.get(conversation);
    if (first !== undefined && first !== event) {
      recent.delete(conversation);
      return;
    }
    recent.set(conversation, event);
    await send(context);
  };
}
