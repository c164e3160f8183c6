// One response action being followed, as parked in the state store between polls: enough for any
// replica to carry on after the one that sent it stopped — which action, what the card shows now,
// whose token polls (their identity only: the token is got again, never stored), where the card is
// (Teams' conversation reference, opaque here, and the message id), the time limit and the next poll.
// Read back field by field: another version of the bot may have written it.
import { parseMachineAction } from '../defender/machine-action';
import { RESPONSE_ACTION_KINDS } from '../defender/machine-action';
import type { Requester } from '../tokens/types';
import type { ActionStatusView } from './types';

export interface FollowUpRecord<Ref> {
  actionId: string;
  /** What the card shows now: Defender's action as last read, who asked and approved, why. */
  view: ActionStatusView;
  /** The analyst whose token polls (the one who clicked Confirm or Approve). */
  as: Requester;
  /** The conversation of the card, in the Teams layer's terms. */
  reference: Ref;
  /** The message that shows the status (the clicked confirmation card, or the message posted instead). */
  cardId: string;
  /** Epoch ms: when following began, and when it gives up. */
  startedAt: number;
  deadline: number;
  /** Epoch ms of the next poll, and the wait after it (doubling up to the cap). */
  nextPollAt: number;
  delayMs: number;
}

export function parseFollowUpRecord<Ref>(value: unknown, parseRef: (raw: unknown) => Ref | undefined): FollowUpRecord<Ref> | undefined {
  if (!isRecord(value)) return undefined;
  const { actionId, view, as, reference, cardId, startedAt, deadline, nextPollAt, delayMs } = value;
  if (!nonEmpty(actionId) || !nonEmpty(cardId)) return undefined;
  if (![startedAt, deadline, nextPollAt, delayMs].every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const parsedView = parseView(view);
  const requester = parseRequester(as);
  const ref = parseRef(reference);
  if (parsedView === undefined || requester === undefined || ref === undefined) return undefined;
  return {
    actionId,
    view: parsedView,
    as: requester,
    reference: ref,
    cardId,
    startedAt: startedAt as number,
    deadline: deadline as number,
    nextPollAt: nextPollAt as number,
    delayMs: delayMs as number,
  };
}

const VIEW_TEXTS = ['machineName', 'requestedBy', 'approvedBy', 'decidedAt', 'requestedAt', 'reason', 'gaveUp'] as const;

function parseView(value: unknown): ActionStatusView | undefined {
  if (!isRecord(value) || typeof value.existing !== 'boolean') return undefined;
  const action = parseMachineAction(value.action);
  if (action === undefined) return undefined;
  const kind = value.kind;
  if (kind !== undefined && !(typeof kind === 'string' && (RESPONSE_ACTION_KINDS as readonly string[]).includes(kind))) return undefined;
  const view: ActionStatusView = { action, existing: value.existing };
  if (kind !== undefined) view.kind = kind as ActionStatusView['kind'] & string;
  for (const key of VIEW_TEXTS) {
    const text = value[key];
    if (text === undefined) continue;
    if (typeof text !== 'string') return undefined;
    view[key] = text;
  }
  return view;
}

function parseRequester(value: unknown): Requester | undefined {
  if (!isRecord(value) || !nonEmpty(value.teamsUserId)) return undefined;
  const out: Requester = { teamsUserId: value.teamsUserId };
  for (const key of ['aadObjectId', 'tenantId', 'displayName'] as const) {
    const text = value[key];
    if (text === undefined) continue;
    if (typeof text !== 'string') return undefined;
    out[key] = text;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
