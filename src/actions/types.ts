// Response actions, SDK-free: what is configured, what waits for confirmation, and what the handler
// tells the analyst. The card layer renders these; the Teams layer only delivers and updates them.
import type { ActionOption } from '../commands/types';
import type { MachineAction, ResponseActionKind } from '../defender/machine-action';
import type { LogonUser, Machine } from '../defender/model';
import type { ErrorOutcome } from '../handlers/outcome';
import type { Requester } from '../tokens/types';

export type { ResponseActionKind, MachineAction };

export type ApprovalMode = 'none' | 'second-analyst';

export interface FollowUpSettings {
  /** First poll of GET /api/machineactions/{id} this long after the 201; doubled each time ... */
  firstDelayMs: number;
  /** ... up to this ... */
  maxDelayMs: number;
  /** ... and given up (the card says how to ask) after this long. */
  maxDurationMs: number;
  /**
   * How often every replica looks for follow-ups nobody took on time (their replica stopped) and
   * carries them on; one this late past its poll time counts as orphaned.
   */
  resumeScanMs: number;
  /** One poll holds its action's lease at most this long (a replica that dies mid-poll frees it by then). */
  leaseMs: number;
}

export interface ResponseActionSettings {
  /** RESPONSE_ACTIONS; `restrict` also allows `unrestrict`. Empty: every action command says the admins have not enabled it. */
  enabled: ReadonlySet<ResponseActionKind>;
  approval: ApprovalMode;
  /** RESPONSE_ACTION_CONFIRM_MINUTES: a confirmation older than this sends nothing. */
  confirmMinutes: number;
  followUp: FollowUpSettings;
}

/** Who asked or clicked, as the card and the Defender Comment name them. */
export interface Analyst {
  teamsUserId: string;
  aadObjectId?: string;
  name: string;
}

/** A request waiting for its Confirm: bound server-side, the card only carries `id`. */
export interface PendingAction {
  id: string;
  action: ResponseActionKind;
  option?: ActionOption;
  machineId: string;
  machineName?: string;
  /** Missing: the confirmation card asks for it (Input.Text). */
  reason?: string;
  requester: Analyst;
  /** Confirm must come from the conversation the card was posted in. */
  conversationId: string;
  approval: ApprovalMode;
  createdAt: string;
  expiresAt: string;
}

export type ActionRefusal =
  | { kind: 'disabled'; action: ResponseActionKind }
  /** Unknown id (forged, or already confirmed, cancelled or expired): there is nothing to confirm. */
  | { kind: 'notOpen' }
  /** Past RESPONSE_ACTION_CONFIRM_MINUTES; `request` names what expired on the card it replaces. */
  | { kind: 'expired'; minutes: number; request?: PendingAction }
  /** The click carried fields no card of ours sends. */
  | { kind: 'tampered' }
  | { kind: 'otherConversation' }
  /** Without four-eyes, only the requester confirms or cancels. */
  | { kind: 'notRequester'; requester: string }
  /** Four-eyes: the requester cannot approve their own request. */
  | { kind: 'selfApproval' }
  | { kind: 'reasonMissing' }
  | { kind: 'reasonInvalid'; detail: string }
  /** Defender answered 403: the app permission or the clicker's role is missing. */
  | { kind: 'forbidden'; action: ResponseActionKind; permission: string; role: string }
  /** Defender answered 404: unknown device, or outside the clicker's device groups. */
  | { kind: 'notVisible'; machine: string }
  /** Confirmed, but Defender did not take it (throttled, timed out, down…): `error` says what, as any command's error would. */
  | { kind: 'failed'; error: ErrorOutcome }
  | { kind: 'statusNotFound'; actionId: string };

export interface ActionStatusView {
  action: MachineAction;
  kind?: ResponseActionKind;
  machineName?: string;
  requestedBy?: string;
  approvedBy?: string;
  /** When the requester confirmed or the second analyst approved (ISO). */
  decidedAt?: string;
  /** When the request was made (ISO): the card says when it was asked and when decided. */
  requestedAt?: string;
  reason?: string;
  /** Defender refused a second request (400): this is the one already running. */
  existing: boolean;
  /** Polling stopped before a final status (time limit or an error): how to ask again. */
  gaveUp?: string;
}

/**
 * A click on a confirmation card is answered in one of two places. `replacesClickedCard`: the answer
 * takes the clicked card's place, because the request was decided (confirmed, approved, cancelled,
 * expired, refused by Defender) and none of its buttons may be pressed again, or because the card
 * itself has something new to say (four-eyes: its requester tried to approve). Absent: the request is
 * untouched (someone else's click, a missing reason, a sign-in first), so the card stays as it is and
 * the answer comes beside it.
 */
interface Placement {
  replacesClickedCard?: true;
}

export type ActionOutcome =
  | ({
      kind: 'actionConfirm';
      request: PendingAction;
      machine: Machine;
      /** ISO time, when the device is isolated now. */
      isolatedSince?: string;
      /** Four-eyes: when the requester tried to approve their own request (ISO); the card then says it waits for someone else. */
      selfApprovalAt?: string;
      /** Who is logged on, when the asker already looked it up (their answer cache); no call is made for it. */
      loggedOn?: LogonUser[];
    } & Placement)
  | ({
      kind: 'actionStatus';
      status: ActionStatusView;
      /** Set after a 201 (or 400 already-in-progress): poll as this analyst and update the card in place. */
      followUp?: { actionId: string; as: Requester };
    } & Placement)
  | ({ kind: 'actionRefused'; refusal: ActionRefusal } & Placement)
  | ({ kind: 'actionCancelled'; request: PendingAction; by: string; at?: string } & Placement);
