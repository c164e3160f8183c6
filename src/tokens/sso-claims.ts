// Reads who an SSO token is for, without verifying it: Entra verifies the assertion during the
// exchange. The claims only pick the cache slot and the tenant, and catch a token that belongs to
// someone other than the requester before it is sent anywhere.
import jwt from 'jsonwebtoken';

export interface SsoClaims {
  oid: string;
  tid?: string;
}

export function readSsoClaims(token: string): SsoClaims | undefined {
  const payload = jwt.decode(token, { json: true });
  const oid: unknown = payload?.oid;
  const tid: unknown = payload?.tid;
  if (typeof oid !== 'string' || oid === '') return undefined;
  return { oid: oid.toLowerCase(), ...(typeof tid === 'string' && tid !== '' ? { tid } : {}) };
}
