// HTTPS routing for the local IdP: discovery, keys, the token endpoint, Bot Framework metadata.
// Every request is counted per endpoint so tests can say "exactly one on-behalf-of request".
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EntraErrorResponse, entraError, tenantNotFoundDescription } from './errors';
import type { JsonWebKeySet } from './keys';
import { botFrameworkOpenIdConfiguration, tenantOpenIdConfiguration } from './metadata';
import { CLIENT_CREDENTIALS_GRANT, clientCredentialsGrant } from './client-credentials-grant';
import { onBehalfOfGrant, type GrantContext } from './obo-grant';

export const IDP_ENDPOINTS = [
  'openid-configuration',
  'keys',
  'token',
  'botframework-openid-configuration',
  'botframework-keys',
  'unknown',
] as const;
export type IdpEndpoint = (typeof IDP_ENDPOINTS)[number];

/** One token request, without anything secret: for assertions and debugging. */
export interface TokenRequestRecord {
  clientId: string | null;
  /** `client_credentials` (the bot's own app token) or the on-behalf-of grant (`jwt-bearer`); what the client sent. */
  grant: string | null;
  status: number;
  /** `error` and the AADSTS code of a refusal. */
  error?: string | undefined;
  aadsts?: number | undefined;
}

export interface ServerState {
  grant: () => GrantContext;
  jwks: () => JsonWebKeySet;
  botFrameworkJwks: () => JsonWebKeySet;
  counts: Record<IdpEndpoint, number>;
  tokenLog: TokenRequestRecord[];
  /** Injected failures: the next `times` token requests answer `status` (temporarily_unavailable). */
  tokenFaults: { times: number; status: 500 | 503 };
}

const MAX_BODY = 64 * 1024;

export function idpListener(state: ServerState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.on('error', () => undefined);
    void route(req, res, state).catch(() =>
      sendJson(res, 500, { error: 'server_error', error_description: 'The local identity provider failed.' }),
    );
  };
}

async function route(req: IncomingMessage, res: ServerResponse, state: ServerState): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = new URL(req.url ?? '/', 'https://idp.invalid').pathname;
  const grant = state.grant();
  const { baseUrl } = grant.mint;
  let m: RegExpExecArray | null;

  if (method === 'GET' && (m = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path)) !== null) {
    state.counts['openid-configuration']++;
    const tenant = decodeURIComponent(m[1] ?? '');
    if (tenant.toLowerCase() !== grant.mint.tenantId.toLowerCase())
      return sendEntraError(res, entraError('tenantNotFound', tenantNotFoundDescription(tenant), { now: grant.mint.now() }));
    return sendJson(res, 200, tenantOpenIdConfiguration(baseUrl, grant.mint.tenantId));
  }
  if (method === 'GET' && /^\/[^/]+\/discovery(\/v2\.0)?\/keys$/.test(path)) {
    state.counts.keys++;
    return sendJson(res, 200, state.jwks());
  }
  if (method === 'POST' && (m = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path)) !== null) {
    state.counts.token++;
    return token(req, res, decodeURIComponent(m[1] ?? ''), state);
  }
  if (method === 'GET' && /^(\/v1)?\/\.well-known\/openidconfiguration$/.test(path)) {
    state.counts['botframework-openid-configuration']++;
    return sendJson(res, 200, botFrameworkOpenIdConfiguration(baseUrl));
  }
  if (method === 'GET' && /^(\/v1)?\/\.well-known\/keys$/.test(path)) {
    state.counts['botframework-keys']++;
    return sendJson(res, 200, state.botFrameworkJwks());
  }
  state.counts.unknown++;
  sendJson(res, 404, { error: 'not_found', error_description: `The local identity provider does not serve ${method} ${path}.` });
}

async function token(req: IncomingMessage, res: ServerResponse, tenant: string, state: ServerState): Promise<void> {
  const grant = state.grant();
  const form = new URLSearchParams(await readBody(req));
  const clientId = form.get('client_id');
  const grantType = form.get('grant_type');
  if (state.tokenFaults.times > 0) {
    state.tokenFaults.times--;
    const e = entraError('temporarilyUnavailable', 'The service is temporarily unavailable (injected fault).', { now: grant.mint.now() });
    state.tokenLog.push({
      clientId,
      grant: grantType,
      status: state.tokenFaults.status,
      error: e.body.error,
      aadsts: e.body.error_codes[0],
    });
    return sendJson(res, state.tokenFaults.status, e.body);
  }
  try {
    // Every other grant type goes to the on-behalf-of handler, which refuses it with AADSTS70003.
    const body =
      grantType === CLIENT_CREDENTIALS_GRANT ? clientCredentialsGrant(tenant, form, grant) : onBehalfOfGrant(tenant, form, grant);
    state.tokenLog.push({ clientId, grant: grantType, status: 200 });
    sendJson(res, 200, body);
  } catch (e) {
    if (!(e instanceof EntraErrorResponse)) throw e;
    state.tokenLog.push({
      clientId,
      grant: grantType,
      status: e.entra.status,
      error: e.entra.body.error,
      aadsts: e.entra.body.error_codes[0],
    });
    sendEntraError(res, e.entra);
  }
}

function sendEntraError(res: ServerResponse, e: ReturnType<typeof entraError>): void {
  sendJson(res, e.status, e.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    // Entra marks every token-endpoint answer uncacheable.
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
