// The people of a response action (who asked, who clicked, who approved) as the card, the Defender
// Comment and the audit line name them, and the one rule for "the same person".
import type { ActionAuditPerson } from '../audit/action-audit';
import type { Requester } from '../tokens/types';
import type { Analyst } from './types';

export function analystOf(r: Requester): Analyst {
  return {
    teamsUserId: r.teamsUserId,
    ...(r.aadObjectId === undefined ? {} : { aadObjectId: r.aadObjectId }),
    name: r.displayName ?? r.aadObjectId ?? r.teamsUserId,
  };
}

export function auditPerson(r: Requester | Analyst): ActionAuditPerson {
  const a = 'name' in r ? r : analystOf(r);
  return { teamsUserId: a.teamsUserId, ...(a.aadObjectId === undefined ? {} : { aadObjectId: a.aadObjectId }), name: a.name };
}

/** The same person: by Entra object id when both have one, else by Teams user id. */
export function samePerson(a: Analyst, b: Requester): boolean {
  if (a.aadObjectId !== undefined && b.aadObjectId !== undefined) return a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();
  return a.teamsUserId === b.teamsUserId;
}
