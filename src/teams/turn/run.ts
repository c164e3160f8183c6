// Step 2: run the SDK-free handler for a turn, with what only the turn can give it: the asker's
// Defender client counting on this turn's meter, the conversation roster for @mentions, sign-out.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { CallMeter } from '../../audit/call-meter';
import { normalizeUserName } from '../../commands';
import type { DefenderClient } from '../../defender/client-types';
import type { Outcome } from '../../handlers/outcome';
import { runCommand, type HandlerDeps } from '../../handlers/run-command';
import type { Logger } from '../../logging/logger';
import type { Requester } from '../../tokens/types';
import type { SignInFlow } from '../sign-in/sign-in-flow';
import type { Turn, TurnResult } from './turn';

/** Everything runCommand needs except what depends on the turn. */
export type TurnHandlerDeps = Omit<HandlerDeps, 'resolveMention' | 'defenderFor' | 'signOut'> & {
  /** A client for this requester; its calls are counted on the turn's meter and cached per person. `fresh`: a Refresh, past the cache. */
  defenderFor(getToken: () => Promise<string>, meter: CallMeter, requester: Requester, fresh?: boolean): DefenderClient;
};

export interface RunDeps {
  handler: TurnHandlerDeps;
  logger: Logger;
  /** Production only: `sign out` forgets the sign-in. */
  signIn?: SignInFlow;
}

export function runner(deps: RunDeps): (context: TurnContext, turn: Turn) => Promise<TurnResult> {
  const { handler, logger, signIn } = deps;
  return async (context, turn) => {
    const outcome = await runCommand(turn.command, turn.requester, {
      ...handler,
      defenderFor: (getToken) => handler.defenderFor(getToken, turn.meter, turn.requester, turn.fresh === true),
      resolveMention: (id) => memberUserName(context, id, logger),
      ...(signIn === undefined ? {} : { signOut: (r: Requester) => signIn.signOut(context, r) }),
    });
    return resultOf(outcome);
  };
}

/** The one place a handler outcome is read as "the asker must sign in first". */
export function resultOf(outcome: Outcome): TurnResult {
  if (outcome.kind === 'error' && outcome.error.kind === 'signInRequired') return { kind: 'signIn', outcome };
  return { kind: 'answer', outcome };
}

/** The mentioned person's Defender user name, from their UPN in the conversation roster. */
async function memberUserName(context: TurnContext, teamsUserId: string, logger: Logger): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, teamsUserId);
    if (!member.userPrincipalName) return undefined;
    // The roster is outside data too: the same validation as a typed user name.
    const checked = normalizeUserName(member.userPrincipalName);
    return checked.ok ? checked.value : undefined;
  } catch (e) {
    logger.warn({ err: e, teamsUserId }, 'roster lookup for a mention failed');
    return undefined;
  }
}
