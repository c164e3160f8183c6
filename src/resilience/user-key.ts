// The identity a cache entry and a fairness queue belong to. From what Teams says about the asker,
// never from the token: the Entra object id when Teams sends one (the same person on every device
// and in every chat), else the Teams user id. Tenant-qualified, so two tenants never collide.
import type { Requester } from '../tokens/types';

export function userKeyOf(requester: Requester): string {
  const tenant = requester.tenantId ?? '-';
  if (requester.aadObjectId !== undefined && requester.aadObjectId !== '') return `aad:${tenant}:${requester.aadObjectId}`;
  if (requester.teamsUserId === '') throw new TypeError('userKeyOf: the requester has neither an Entra object id nor a Teams user id');
  return `teams:${tenant}:${requester.teamsUserId}`;
}
