// A pending confirmation read back from the state store. Another version of the bot (or anything
// with access to Redis) may have written the value, so it is checked field by field into a typed
// PendingAction; anything that does not fit is undefined (the caller treats it as absent).
import type { ActionOption } from '../commands/types';
import { RESPONSE_ACTION_KINDS } from '../defender/machine-action';
import type { Analyst, ApprovalMode, PendingAction } from './types';

const OPTIONS: readonly ActionOption[] = ['selective', 'full', 'quick'];
const APPROVALS: readonly ApprovalMode[] = ['none', 'second-analyst'];

export function parsePendingAction(value: unknown): PendingAction | undefined {
  if (!isRecord(value)) return undefined;
  const { id, action, option, machineId, machineName, reason, requester, conversationId, approval, createdAt, expiresAt } = value;
  if (!nonEmpty(id) || !nonEmpty(machineId) || !nonEmpty(conversationId)) return undefined;
  if (!oneOf(RESPONSE_ACTION_KINDS, action) || !oneOf(APPROVALS, approval)) return undefined;
  if (!isTime(createdAt) || !isTime(expiresAt)) return undefined;
  if (option !== undefined && !oneOf(OPTIONS, option)) return undefined;
  if (!optionalString(machineName) || !optionalString(reason)) return undefined;
  const analyst = parseAnalyst(requester);
  if (analyst === undefined) return undefined;
  return {
    id,
    action,
    ...(option === undefined ? {} : { option }),
    machineId,
    ...(machineName === undefined ? {} : { machineName }),
    ...(reason === undefined ? {} : { reason }),
    requester: analyst,
    conversationId,
    approval,
    createdAt,
    expiresAt,
  };
}

function parseAnalyst(value: unknown): Analyst | undefined {
  if (!isRecord(value)) return undefined;
  const { teamsUserId, aadObjectId, name } = value;
  if (!nonEmpty(teamsUserId) || typeof name !== 'string' || !optionalString(aadObjectId)) return undefined;
  return { teamsUserId, name, ...(aadObjectId === undefined ? {} : { aadObjectId }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function optionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}
