// An Authenticator for startSimulator({ authenticate }) that accepts real-shaped Entra access
// tokens instead of demo tokens: RS256 signature against a JWKS (e.g. the local identity provider's),
// the Defender audience, expiry, delegated permissions in `scp`; then the token's user (oid or upn)
// is mapped to a simulated analyst. Refusals answer as Defender does: 401 `Unauthorized` for a missing
// or bad token, 403 `Forbidden` for a wrong audience or missing permission, with its error body.
import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CLOUDS } from '../config/clouds';
import type { AuthResult } from './auth';
import { matchRoute, type EndpointKey } from './endpoints';
import { PERSONAS, isPersonaId, type Persona, type PersonaId } from './personas';

/** RFC 7517 key set; only RSA signing keys are used. */
export interface JwksDocument {
  keys: ReadonlyArray<{ kty: string; kid?: string; n?: string; e?: string; use?: string }>;
}

export interface JwtAuthOptions {
  /** The signing keys, or a getter so key rotation is seen (e.g. `() => idp.jwks()`). */
  jwks: JwksDocument | (() => JwksDocument);
  /** Accepted audiences. Default the commercial Defender audience (https://api.securitycenter.microsoft.com). */
  audience?: string | readonly string[];
  /** Accepts the `iss` claim; default any (the signature already pins the issuer's keys). */
  issuer?: (iss: string) => boolean;
  /** oid or upn (case-insensitive) → persona id or a custom persona. Unmapped users are 403: no Defender role. */
  users: Readonly<Record<string, PersonaId | Persona>>;
  /** Clock in ms; default Date.now. */
  now?: () => number;
  /** Allowed clock skew in seconds (default 0). */
  clockToleranceSeconds?: number;
  /**
   * Status for a token whose audience is not Defender's. Default 403: Defender refuses a token
   * whose audience is not https://api.securitycenter.microsoft.com with 403, even on its newer host.
   */
  wrongAudienceStatus?: 401 | 403;
}

/** Delegated permissions that open each endpoint (Defender's documented ones; ReadWrite implies Read). */
const MACHINE_SCOPES = ['Machine.Read', 'Machine.ReadWrite'];
const ALERT_SCOPES = ['Alert.Read', 'Alert.ReadWrite'];
const REQUIRED_SCOPES: Readonly<Record<EndpointKey, readonly string[]>> = {
  'users/{name}/machines': MACHINE_SCOPES,
  'machines/{id}': MACHINE_SCOPES,
  machines: MACHINE_SCOPES,
  'machines/findbyip': MACHINE_SCOPES,
  'machines/{id}/logonusers': ['User.Read.All'],
  'machines/{id}/alerts': ALERT_SCOPES,
  'users/{name}/alerts': ALERT_SCOPES,
  'alerts/{id}': ALERT_SCOPES,
  // Response actions: a permission of their own each, separate from the read ones.
  'machines/{id}/isolate': ['Machine.Isolate'],
  'machines/{id}/unisolate': ['Machine.Isolate'],
  'machines/{id}/runAntiVirusScan': ['Machine.Scan'],
  'machines/{id}/collectInvestigationPackage': ['Machine.CollectForensics'],
  'machines/{id}/restrictCodeExecution': ['Machine.RestrictExecution'],
  'machines/{id}/unrestrictCodeExecution': ['Machine.RestrictExecution'],
  'machineactions/{id}': MACHINE_SCOPES,
  machineactions: MACHINE_SCOPES,
};
// Without a path (a direct call), a machine or user read permission: what the first endpoints needed.
const ANY_API_SCOPE = [...MACHINE_SCOPES, 'User.Read.All'];

const INVALID: AuthResult = { ok: false, status: 401, code: 'Unauthorized', message: 'The access token is invalid.' };

/**
 * The simulator passes only the Authorization header. If it also passes the request path (an
 * optional second argument, compatible with `Authenticator`), the scope check is per endpoint;
 * without it any Defender read permission is accepted.
 */
export function createJwtAuthenticator(options: JwtAuthOptions): (authorizationHeader: string | undefined, path?: string) => AuthResult {
  const audiences = [options.audience ?? CLOUDS.Commercial.audience].flat().map(normalizeAudience);
  const now = options.now ?? Date.now;
  const tolerance = options.clockToleranceSeconds ?? 0;
  const users = new Map(Object.entries(options.users).map(([k, v]) => [k.toLowerCase(), v]));

  return (header, path) => {
    if (header === undefined || header.trim() === '')
      return { ok: false, status: 401, code: 'Unauthorized', message: 'Authorization header is missing.' };
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (token === undefined) return INVALID;
    const decoded = jwt.decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload === 'string' || decoded.header.alg !== 'RS256') return INVALID;
    const key = findKey(typeof options.jwks === 'function' ? options.jwks() : options.jwks, decoded.header.kid);
    if (key === undefined) return INVALID;
    let claims: jwt.JwtPayload;
    try {
      // Expiry is checked below against the injectable clock, so it is ignored here.
      const verified = jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: true, ignoreNotBefore: true });
      if (typeof verified === 'string') return INVALID;
      claims = verified;
    } catch {
      return INVALID;
    }
    const nowSeconds = Math.floor(now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp + tolerance <= nowSeconds)
      return { ok: false, status: 401, code: 'Unauthorized', message: 'The access token has expired.' };
    if (typeof claims.nbf === 'number' && claims.nbf - tolerance > nowSeconds) return INVALID;
    if (options.issuer !== undefined && (typeof claims.iss !== 'string' || !options.issuer(claims.iss))) return INVALID;
    const aud = [claims.aud ?? []].flat().map(normalizeAudience);
    if (!aud.some((a) => audiences.includes(a))) {
      return {
        ok: false,
        status: options.wrongAudienceStatus ?? 403,
        code: options.wrongAudienceStatus === 401 ? 'Unauthorized' : 'Forbidden',
        message: 'The access token audience is not valid for this API.',
      };
    }
    const scp = typeof claims.scp === 'string' ? claims.scp.split(' ').filter((s) => s !== '') : [];
    const needed = requiredScopes(path);
    if (!scp.some((s) => needed.includes(s))) {
      return {
        ok: false,
        status: 403,
        code: 'Forbidden',
        message: `The application does not have any of the delegated permissions needed for this operation: ${needed.join(', ')}.`,
      };
    }
    const persona = lookup(users, claims);
    if (persona === undefined)
      return { ok: false, status: 403, code: 'Forbidden', message: 'The user does not have a Defender role that allows this operation.' };
    return { ok: true, analyst: persona };
  };
}

function normalizeAudience(a: string): string {
  return a.replace(/\/+$/, '').toLowerCase();
}

function findKey(jwks: JwksDocument, kid: string | undefined): KeyObject | undefined {
  const jwk = jwks.keys.find((k) => k.kty === 'RSA' && (k.use === undefined || k.use === 'sig') && k.kid === kid);
  if (jwk?.n === undefined || jwk.e === undefined) return undefined;
  try {
    return createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
  } catch {
    return undefined;
  }
}

function requiredScopes(path: string | undefined): readonly string[] {
  if (path === undefined) return ANY_API_SCOPE;
  try {
    const route = matchRoute(path);
    return route === null ? ANY_API_SCOPE : REQUIRED_SCOPES[route.endpoint];
  } catch {
    return ANY_API_SCOPE;
  }
}

function lookup(users: ReadonlyMap<string, PersonaId | Persona>, claims: jwt.JwtPayload): Persona | undefined {
  for (const claim of ['oid', 'upn', 'unique_name', 'preferred_username']) {
    const v: unknown = claims[claim];
    if (typeof v !== 'string') continue;
    const hit = users.get(v.toLowerCase());
    if (hit === undefined) continue;
    if (typeof hit !== 'string') return hit;
    if (isPersonaId(hit)) return PERSONAS[hit];
  }
  return undefined;
}
