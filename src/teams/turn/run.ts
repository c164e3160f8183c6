// Step 2: run the SDK-free handler for a turn, with what only the turn can give it: the asker's
// Defender client counting on this turn's meter, the conversation roster for @mentions, sign-out.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { CallMeter } from '../../audit/call-meter';
import { normalizeUserName } from '../../commands';
import type { DefenderClient } from '../../defender/client-types';
import { DefenderError } from '../../defender/errors';
import type { Outcome } from '../../handlers/outcome';
import { runCommand, type HandlerDeps } from '../../handlers/run-command';
import type { Logger } from '../../logging/logger';
import type { Requester } from '../../tokens/types';
import type { SignInFlow } from '../sign-in/sign-in-flow';
import type { Turn, TurnResult } from './turn';
import type { PendingStore } from '../../actions/pending-store';
import type { PendingAction, ResponseActionSettings } from '../../actions/types';
import type { ActionClient } from '../../actions/handle-action';
import type { ActionAuditRecord } from '../../audit/action-audit';
import type { CommandRefusal, FirstDelivery } from '../../resilience/command-rate';
import type { StateStore } from '../../state/state-store';

/** Response actions, wired once for the process; run.ts adds what depends on the turn. */
export interface TurnActionDeps {
  settings: ResponseActionSettings;
  store: PendingStore<PendingAction>;
  /** Writes one audit line (kind "action"). */
  audit(record: ActionAuditRecord): void;
}

/** Everything runCommand needs except what depends on the turn. */
export type TurnHandlerDeps = Omit<HandlerDeps, 'resolveMention' | 'defenderFor' | 'signOut' | 'actions'> & {
  /** A client for this requester; its calls are counted on the turn's meter and cached per person. `fresh`: a Refresh, past the cache. */
  defenderFor(
    getToken: () => Promise<string>,
    meter: CallMeter,
    requester: Requester,
    fresh?: boolean,
  ): DefenderClient & Partial<ActionClient>;
  responseActions?: TurnActionDeps;
  /**
   * With Redis: a typed command's redelivery check and its command count in one step (receive.ts).
   * Absent: the redelivery check alone, and the handler counts (admitCommand).
   */
  admitOnDelivery?(requester: Requester, delivery: { store: StateStore; key: string; ttlMs: number }): Promise<FirstDelivery>;
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
    const { responseActions, admitOnDelivery: _counted, ...rest } = handler;
    // Counted with the redelivery check: the handler's first count is answered from the turn.
    let prepaid = turn.admission;
    const admitCommand = (requester: Requester): Promise<CommandRefusal | undefined> => {
      if (prepaid === undefined) return handler.admitCommand?.(requester) ?? Promise.resolve(undefined);
      const { refusal } = prepaid;
      prepaid = undefined;
      return Promise.resolve(refusal);
    };
    const conversationId = turn.reference.conversation?.id ?? '';
    const tenantId = turn.requester.tenantId;
    const outcome = await runCommand(turn.command, turn.requester, {
      ...rest,
      ...(handler.admitCommand === undefined ? {} : { admitCommand }),
      defenderFor: (getToken) => handler.defenderFor(getToken, turn.meter, turn.requester, turn.fresh === true),
      ...(responseActions === undefined
        ? {}
        : {
            actions: {
              settings: responseActions.settings,
              store: responseActions.store,
              tokens: handler.tokens,
              now: handler.now,
              conversationId,
              clientFor: (getToken) => actionClient(handler.defenderFor(getToken, turn.meter, turn.requester)),
              audit: (record) => responseActions.audit({ kind: 'action', ...record, ...(tenantId === undefined ? {} : { tenantId }) }),
            },
          }),
      resolveMention: (id) => memberUserName(context, id, logger),
      ...(signIn === undefined ? {} : { signOut: (r: Requester) => signIn.signOut(context, r) }),
    });
    return resultOf(outcome);
  };
}

/** The production client does both; a client that cannot act makes every action a clear failure, not a crash. */
export function actionClient(client: DefenderClient & Partial<ActionClient>): ActionClient {
  const missing = (): Promise<never> => Promise.reject(new DefenderError('badRequest', 'this Defender client cannot run response actions'));
  return {
    ...client,
    runResponseAction: client.runResponseAction ?? missing,
    getMachineAction: client.getMachineAction ?? missing,
    listMachineActions: client.listMachineActions ?? missing,
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
