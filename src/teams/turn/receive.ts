// Step 1 of a message turn: is this a new command, what is it, and who is asking. (The tenant gate
// runs before this, as a beforeTurn handler for every activity type: ../tenant-gate.ts.)
import { TurnContext } from 'botbuilder';
import type { Logger } from '../../logging/logger';
import { isConfirmationClick } from '../../actions/placement';
import { clickFlagsOf } from '../../commands';
import type { Command } from '../../commands/types';
import type { LabelSeal } from '../../shared/label-seal';
import { commandOf, requesterOf, unwrapSubmitData, viewerTagOf } from '../activity-input';
import { inboundTokenOf } from '../inbound-identity';
import { RecentActivities } from '../redelivery';
import type { SignInFlow } from '../sign-in/sign-in-flow';
import type { StateStore } from '../../state/state-store';
import { countsAsCommand } from '../../handlers/run-command';
import { needsDefender, turnOf, type Turn } from './turn';
import type { TurnHandlerDeps } from './run';

export interface ReceiveDeps {
  logger: Logger;
  /** Checks the seal of a clicked machine label: only labels the bot wrote are shown. */
  labelSeal?: LabelSeal;
  /** Production only: looks up a sign-in the token service already holds. */
  signIn?: SignInFlow;
  /** Where delivered activity ids are remembered (shared between replicas with REDIS_URL). */
  store?: StateStore;
  /** With Redis: the redelivery check and the command's count in one step (see TurnHandlerDeps). */
  admitOnDelivery?: TurnHandlerDeps['admitOnDelivery'];
}

/** The turn for a message activity, or undefined for a redelivery of one already being answered. */
export function receiver(deps: ReceiveDeps): (context: TurnContext) => Promise<Turn | undefined> {
  const recent = new RecentActivities(deps.store === undefined ? {} : { store: deps.store });
  return async (context) => {
    const { activity } = context;
    const turn = turnOf({
      command: commandOf(activity),
      requester: requesterOf(activity),
      via: activity.value === undefined || activity.value === null ? 'typed' : 'click',
      reference: TurnContext.getConversationReference(activity),
      ...(activity.id === undefined ? {} : { activityId: activity.id }),
    });
    if (activity.id) {
      const key = `${activity.conversation?.id ?? ''}|${activity.id}`;
      let first: boolean;
      if (deps.admitOnDelivery !== undefined && countsAsCommand(turn.command)) {
        // One Redis step: a redelivery counts nothing; a first delivery counts the command once.
        const admitted = await deps.admitOnDelivery(turn.requester, recent.delivery(key));
        first = !admitted.duplicate;
        if (!admitted.duplicate) turn.admission = { refusal: admitted.refusal };
      } else {
        first = await recent.firstDelivery(key);
      }
      if (!first) {
        deps.logger.info({ event: 'redelivery', activityId: activity.id }, 'duplicate delivery ignored: the first one is answered');
        return undefined;
      }
    }
    if (activity.value !== undefined && activity.value !== null) {
      const value = unwrapSubmitData(activity.value);
      clickDelivery(turn, value, activity.replyToId);
      if (deps.labelSeal !== undefined) turn.command = withSealedLabel(turn.command, value, deps.labelSeal);
    }
    // Who vouched for this activity (the verified Bot Framework token's iss/appid/aud), for the audit line.
    const inboundToken = inboundTokenOf(context);
    if (inboundToken !== undefined) turn.inboundToken = inboundToken;
    // A token from the token service (sign-in button, channel OAuth card) counts as signed in.
    if (deps.signIn !== undefined && needsDefender(turn.command)) await deps.signIn.prime(context, turn.requester);
    return turn;
  };
}

/** How a click is answered: into the clicked card, fresh from Defender, noting a replaced view (ClickFlags). */
function clickDelivery(turn: Turn, value: unknown, replyToId: string | undefined): void {
  const flags = clickFlagsOf(value);
  // Confirm, Approve and Cancel may answer into their card too: deliver.ts asks the outcome whether it does.
  const inPlace = flags.inPlace === true || isConfirmationClick(turn.command);
  if (inPlace && replyToId !== undefined && replyToId !== '') turn.editActivityId = replyToId;
  if (flags.refresh === true) turn.fresh = true;
  if (flags.by !== undefined && flags.by !== viewerTagOf(turn.requester)) turn.replacesOtherView = true;
}

/** A machine button's label, marked trusted when its seal (`ls`) is the one the bot wrote. */
function withSealedLabel(command: Command, value: unknown, seal: LabelSeal): Command {
  if (command.kind !== 'logonUsers' && command.kind !== 'machineDetails') return command;
  const machine = command.machine;
  if (machine.kind !== 'deviceId' || machine.label === undefined) return command;
  const given = typeof value === 'object' && value !== null ? (value as { ls?: unknown }).ls : undefined;
  if (!seal.verify(machine.id, machine.label, given)) return command;
  return { ...command, machine: { ...machine, labelSealed: true } };
}
