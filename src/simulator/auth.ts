// Authentication: the default accepts demo tokens `demo-analyst:<personaId>`; a real deployment's
// tests can plug in JWT validation through SimulatorOptions.authenticate.
import { PERSONAS, isPersonaId, type Persona, type PersonaId } from './personas';

export type AuthResult = { ok: true; analyst: Persona } | { ok: false; status: 401 | 403; code: string; message: string };
/** `path` (the raw request path) lets an authenticator check the permission each endpoint needs. */
export type Authenticator = (authorizationHeader: string | undefined, path?: string) => AuthResult;

const DEMO_PREFIX = 'demo-analyst:';

/** The bearer token (without "Bearer ") that makes the simulator treat a call as `personaId`'s. */
export function demoToken(personaId: PersonaId): string {
  return `${DEMO_PREFIX}${personaId}`;
}

export const demoAuthenticate: Authenticator = (header) => {
  if (header === undefined || header.trim() === '') {
    return { ok: false, status: 401, code: 'Unauthorized', message: 'Authorization header is missing.' };
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = m?.[1];
  if (token === undefined || !token.startsWith(DEMO_PREFIX)) {
    return { ok: false, status: 401, code: 'Unauthorized', message: 'The access token is invalid.' };
  }
  const id = token.slice(DEMO_PREFIX.length);
  if (!isPersonaId(id)) return { ok: false, status: 401, code: 'Unauthorized', message: 'The access token is invalid.' };
  return { ok: true, analyst: PERSONAS[id] };
};
