// One audit line per step of a response action (kind "action"): requested, confirmed or approved,
// sent, already in progress, refused (with why), cancelled, failed, follow-up resumed, final status. It names the
// action, machine, requester, approver and reason; never a token.
import type { ResponseActionKind } from '../defender/machine-action';

export type ActionAuditStep =
  | 'requested'
  | 'confirmed'
  | 'approved'
  | 'sent'
  | 'alreadyInProgress'
  | 'refused'
  | 'cancelled'
  | 'failed'
  | 'status'
  /** A replica carries on following an action that another (stopped) replica had been following. */
  | 'followUpResumed'
  | 'finalStatus';

export interface ActionAuditPerson {
  teamsUserId: string;
  aadObjectId?: string | undefined;
  name: string;
}

export interface ActionAuditRecord {
  kind: 'action';
  step: ActionAuditStep;
  /** The confirmation's opaque id (what the card carried). */
  pendingId?: string | undefined;
  /** Defender's MachineAction id, once there is one. */
  actionId?: string | undefined;
  action?: ResponseActionKind | undefined;
  machineId?: string | undefined;
  requester?: ActionAuditPerson | undefined;
  approver?: ActionAuditPerson | undefined;
  /** Who clicked (refusals: the one refused). */
  actor?: ActionAuditPerson | undefined;
  reason?: string | undefined;
  /** Why it was refused or failed. */
  refusal?: string | undefined;
  /** Defender's status (Pending, InProgress, Succeeded, Failed, TimeOut, Cancelled). */
  status?: string | undefined;
  conversationId?: string | undefined;
  tenantId?: string | undefined;
}

export type ActionAudit = (record: Omit<ActionAuditRecord, 'kind'>) => void;
