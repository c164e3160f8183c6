// Sending a confirmed request: exactly one POST, as the person who clicked, with a Comment that names
// the requester (and the approver); then what Defender answered — the new action to follow, the one
// already in progress (400), the permission or role missing (403), a device out of reach (404).
import { DefenderError } from '../defender/errors';
import { ACTION_ENDPOINTS, isFinalStatus, type MachineAction } from '../defender/machine-action';
import type { ResponseActionsClient } from '../defender/client-types';
import { errorOutcome } from '../handlers/error-outcome';
import type { Outcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';
import { ACTIONS, optionBody } from './catalog';
import type { ActionClient, ActionDeps } from './deps';
import { auditPerson } from './people';
import type { Analyst, PendingAction } from './types';

export interface ConfirmedRequest {
  /** Taken from the store: no other click can send it. */
  pending: PendingAction;
  reason: string;
  clicker: Requester;
  /** Four-eyes: the second analyst (the clicker). */
  approver: Analyst | undefined;
  /** As the clicker. */
  client: ActionClient;
}

export async function sendAction(request: ConfirmedRequest, deps: ActionDeps): Promise<Outcome> {
  const { pending: taken, reason, clicker, approver, client } = request;
  const base = {
    pendingId: taken.id,
    action: taken.action,
    machineId: taken.machineId,
    requester: auditPerson(taken.requester),
    ...(approver === undefined ? {} : { approver: auditPerson(approver) }),
    actor: auditPerson(clicker),
    reason,
    conversationId: deps.conversationId,
  };
  deps.audit({ ...base, step: approver === undefined ? 'confirmed' : 'approved' });
  const comment =
    approver === undefined
      ? `requested by ${taken.requester.name} via Teams: ${reason}`
      : `requested by ${taken.requester.name}, approved by ${approver.name} via Teams: ${reason}`;
  const view = {
    kind: taken.action,
    ...(taken.machineName === undefined ? {} : { machineName: taken.machineName }),
    requestedBy: taken.requester.name,
    ...(approver === undefined ? {} : { approvedBy: approver.name }),
    requestedAt: taken.createdAt,
    decidedAt: deps.now().toISOString(),
    reason,
  };
  // Whatever follows, the request is decided: the answer takes the confirmation card's place.
  const decided = { replacesClickedCard: true } as const;
  try {
    const action = await client.runResponseAction(taken.machineId, taken.action, {
      Comment: comment,
      ...optionBody(taken.action, taken.option),
    });
    deps.audit({ ...base, step: 'sent', actionId: action.id, status: action.status });
    return {
      kind: 'actionStatus',
      status: { ...view, action, existing: false },
      followUp: { actionId: action.id, as: clicker },
      ...decided,
    };
  } catch (e) {
    if (!(e instanceof DefenderError)) throw e;
    const info = ACTIONS[taken.action];
    if (e.code === 'badRequest' && isAlreadyInProgress(e)) {
      const existing = await runningAction(client, taken.machineId, ACTION_ENDPOINTS[taken.action].type);
      deps.audit({
        ...base,
        step: 'alreadyInProgress',
        ...(existing === undefined ? {} : { actionId: existing.id, status: existing.status }),
      });
      if (existing !== undefined) {
        return {
          kind: 'actionStatus',
          status: { ...view, action: existing, existing: true },
          followUp: { actionId: existing.id, as: clicker },
          ...decided,
        };
      }
    }
    if (e.code === 'forbidden') {
      deps.audit({ ...base, step: 'refused', refusal: 'forbidden' });
      const refusal = { kind: 'forbidden', action: taken.action, permission: info.permission, role: info.role } as const;
      return { kind: 'actionRefused', refusal, ...decided };
    }
    if (e.code === 'notFound') {
      deps.audit({ ...base, step: 'refused', refusal: 'notVisible' });
      return { kind: 'actionRefused', refusal: { kind: 'notVisible', machine: taken.machineName ?? taken.machineId }, ...decided };
    }
    deps.audit({ ...base, step: 'failed', refusal: e.code });
    const error = errorOutcome(e, { kind: 'machineNotFound', query: taken.machineId });
    if (error === undefined) throw e;
    return { kind: 'actionRefused', refusal: { kind: 'failed', error }, ...decided };
  }
}

function isAlreadyInProgress(e: DefenderError): boolean {
  return e.apiCode === 'ActiveRequestAlreadyExists' || /already in progress/i.test(e.message);
}

async function runningAction(client: ResponseActionsClient, machineId: string, type: string): Promise<MachineAction | undefined> {
  try {
    const actions = await client.listMachineActions(machineId);
    return actions.find((a) => a.type === type && !isFinalStatus(a.status));
  } catch (e) {
    if (e instanceof DefenderError) return undefined;
    throw e;
  }
}
