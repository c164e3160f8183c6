// Reads who an SSO token is for, without verifying it: Entra verifies the assertion during the
// exchange. The claims only pick the cache slot and the tenant, and catch a token that belongs to
// someone other than the requester before it is sent anywhere. Decoding a JWT payload is base64url
// JSON, so this needs no JWT library.

export interface SsoClaims {
  oid: string;
  tid?: string;
}

/** The payload of a compact JWS (header.payload.signature) as an object, or undefined if it is not one. */
function decodePayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1] ?? '')) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function readSsoClaims(token: string): SsoClaims | undefined {
  const payload = decodePayload(token);
  const oid = payload?.['oid'];
  const tid = payload?.['tid'];
  if (typeof oid !== 'string' || oid === '') return undefined;
  return { oid: oid.toLowerCase(), ...(typeof tid === 'string' && tid !== '' ? { tid } : {}) };
}
