// The response-action commands, SDK-free, one file per job: ask (./request-action.ts → a confirmation
// card, nothing sent), Confirm or Approve (./confirm-action.ts → exactly one POST, ./send-action.ts,
// as the person who clicked), Cancel (./cancel-action.ts), and status (./action-status.ts). The
// confirmation is bound server-side to one pending request; the card carries only its opaque id, so a
// forged, edited, stale, cancelled, cross-conversation or cross-user click finds nothing it may send.
import type { Command } from '../commands/types';
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';
import { actionStatus } from './action-status';
import { cancelAction } from './cancel-action';
import { confirmAction } from './confirm-action';
import type { ActionDeps } from './deps';
import { refuse } from './refuse';
import { requestAction } from './request-action';

export type { ActionClient, ActionDeps } from './deps';

export type ActionCommand = Extract<Command, { kind: 'responseAction' | 'actionStatus' | 'confirmAction' | 'cancelAction' }>;

export function isActionCommand(command: Command): command is ActionCommand {
  return (
    command.kind === 'responseAction' ||
    command.kind === 'actionStatus' ||
    command.kind === 'confirmAction' ||
    command.kind === 'cancelAction'
  );
}

/** `deps` undefined: nobody configured RESPONSE_ACTIONS. */
export async function runActionCommand(command: ActionCommand, requester: Requester, deps: ActionDeps | undefined): Promise<Outcome> {
  if (deps === undefined) {
    const action = command.kind === 'responseAction' ? command.action : 'isolate';
    return refuse(undefined, requester, action, { kind: 'disabled', action });
  }
  switch (command.kind) {
    case 'responseAction':
      return requestAction(command, requester, deps);
    case 'confirmAction':
      return confirmAction(command, requester, deps);
    case 'cancelAction':
      return cancelAction(command.pendingId, requester, deps);
    case 'actionStatus':
      return actionStatus(command.actionId, requester, deps);
  }
}
