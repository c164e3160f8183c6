// POST /{tenant}/oauth2/v2.0/token for the on-behalf-of grant, checked in Entra's order: request
// shape → tenant → client → client credentials → grant → user assertion → scope → consent.
import type { ConsentStore } from './consent';
import { authenticateClient } from './client-auth';
import { fail, tenantNotFoundDescription } from './errors';
import { decodeJwt, signatureValid, type SigningKey } from './keys';
import { mintAccessToken, mintIdToken, v1Issuer, v2Issuer, type MintContext } from './mint';
import type { ClientRegistration, IdpUser } from './options';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Scopes MSAL adds to every request; they ask for an id token, not for API permissions. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface GrantContext {
  mint: MintContext;
  clients: ReadonlyMap<string, ClientRegistration>;
  resources: Readonly<Record<string, string[]>>;
  consent: ConsentStore;
  accessTokenLifetimeSeconds: number;
  tokenEndpoint: string;
}

export interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  id_token?: string;
  client_info?: string;
}

/** Throws EntraErrorResponse for every refusal. */
export function onBehalfOfGrant(tenant: string, form: URLSearchParams, ctx: GrantContext): TokenResponse {
  const { mint } = ctx;
  const nowSeconds = Math.floor(mint.now() / 1000);
  const grantType = required(form, 'grant_type');
  if (tenant.toLowerCase() !== mint.tenantId.toLowerCase()) {
    fail('tenantNotFound', tenantNotFoundDescription(tenant));
  }
  const clientId = required(form, 'client_id');
  const client = ctx.clients.get(clientId.toLowerCase());
  if (client === undefined) {
    fail(
      'unknownClient',
      `Application with identifier '${clientId}' was not found in the directory '${mint.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  }
  const method = authenticateClient(form, client, {
    baseUrl: mint.baseUrl,
    tenantId: mint.tenantId,
    tokenEndpoint: ctx.tokenEndpoint,
    idpKey: mint.key,
    nowSeconds,
  });
  if (grantType !== JWT_BEARER_GRANT)
    fail('unsupportedGrant', `The provided value for the input parameter 'grant_type' is not valid. Expected '${JWT_BEARER_GRANT}'.`);
  if (required(form, 'requested_token_use') !== 'on_behalf_of') {
    fail('missingParameter', "The request body must contain the following parameter: 'requested_token_use' with the value 'on_behalf_of'.");
  }
  const user = checkUserAssertion(required(form, 'assertion'), client, mint.key, mint, nowSeconds);
  const { resource, requested, wantsDefault } = parseScope(required(form, 'scope'), ctx.resources, mint.tenantId);

  const granted = ctx.consent.granted(client.clientId, resource, user.oid);
  // `.default` means "whatever was consented", which must be something; named permissions must all be.
  const consented = wantsDefault ? granted.size > 0 : requested.every((s) => granted.has(s));
  if (!consented) {
    fail(
      'consentRequired',
      `The user or administrator has not consented to use the application with ID '${client.clientId}' named '${client.clientId}'. Send an interactive authorization request for this user and resource.`,
      { suberror: 'consent_required' },
    );
  }
  const scp = wantsDefault ? [...granted] : requested;
  const lifetime = ctx.accessTokenLifetimeSeconds;
  const accessToken = mintAccessToken(mint, user, {
    audience: resource,
    scp: scp.join(' '),
    clientId: client.clientId,
    clientAuth: method === 'secret' ? 'secret' : 'certificate',
    expiresInSeconds: lifetime,
  });
  // Entra echoes the resolved permissions plus `.default` when that was asked for; MSAL caches the
  // token under these scopes and finds it again only if the requested `.default` is among them.
  const scopes = scp.map((s) => `${resource}/${s}`);
  if (wantsDefault) scopes.push(`${resource}/.default`);
  const asksOidc = form.get('scope')?.split(' ').includes('openid') ?? false;
  return {
    token_type: 'Bearer',
    scope: scopes.join(' '),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
    ...(asksOidc ? { id_token: mintIdToken(mint, user, client.clientId) } : {}),
    ...(form.get('client_info') === '1'
      ? { client_info: Buffer.from(JSON.stringify({ uid: user.oid, utid: mint.tenantId })).toString('base64url') }
      : {}),
  };
}

function required(form: URLSearchParams, name: string): string {
  const v = form.get(name);
  if (v === null || v.trim() === '') fail('missingParameter', `The request body must contain the following parameter: '${name}'.`);
  return v;
}

/** The user's SSO token: issued here, for this app, still valid. Returns who it is for. */
function checkUserAssertion(
  assertion: string,
  client: ClientRegistration,
  key: SigningKey,
  mint: MintContext,
  nowSeconds: number,
): IdpUser {
  const decoded = decodeJwt(assertion);
  if (decoded === undefined) fail('malformedAssertion', 'JWT token is invalid or malformed.');
  const { header, payload } = decoded;
  if (header.kid !== key.kid || !signatureValid(assertion, key.publicKey)) {
    fail(
      'assertionInvalid',
      `Assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${String(header.kid ?? '')}']`,
    );
  }
  if (payload.iss !== v2Issuer(mint) && payload.iss !== v1Issuer(mint)) {
    fail('assertionInvalid', `Assertion issuer '${String(payload.iss)}' is not a valid issuer for tenant '${mint.tenantId}'.`);
  }
  const audiences = [client.clientId, ...(client.identifierUris ?? [`api://botid-${client.clientId}`])];
  if (typeof payload.aud !== 'string' || !audiences.some((a) => a.toLowerCase() === String(payload.aud).toLowerCase())) {
    fail(
      'assertionInvalid',
      `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${String(payload.aud)}' and the expected audience is '${client.clientId}' or one of the Application Id URIs of this application.`,
    );
  }
  const exp = typeof payload.exp === 'number' ? payload.exp : 0;
  if (exp <= nowSeconds) {
    fail(
      'assertionExpired',
      `Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: ${new Date(nowSeconds * 1000).toISOString()}, expiry time of assertion ${new Date(exp * 1000).toISOString()}.`,
    );
  }
  const oid = payload.oid;
  const upn = payload.upn ?? payload.preferred_username;
  if (typeof oid !== 'string' || typeof upn !== 'string')
    fail('assertionInvalid', 'Assertion is not a delegated user token: it has no oid or upn.');
  return { oid, upn, ...(typeof payload.name === 'string' ? { name: payload.name } : {}) };
}

function parseScope(
  raw: string,
  resources: Readonly<Record<string, string[]>>,
  tenantId: string,
): { resource: string; requested: string[]; wantsDefault: boolean } {
  const apiScopes = raw.split(/\s+/).filter((s) => s !== '' && !OIDC_SCOPES.has(s));
  if (apiScopes.length === 0) fail('missingParameter', "The request body must contain the following parameter: 'scope'.");
  const split = apiScopes.map((s) => {
    const i = s.lastIndexOf('/');
    return i < 0 ? { resource: 'https://graph.microsoft.com', permission: s } : { resource: s.slice(0, i), permission: s.slice(i + 1) };
  });
  const resourceNames = new Set(split.map((s) => s.resource.toLowerCase()));
  if (resourceNames.size > 1)
    fail(
      'multipleResources',
      'Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ' +
        raw +
        ' is not valid.',
    );
  const first = split[0];
  if (first === undefined) fail('missingParameter', "The request body must contain the following parameter: 'scope'.");
  const resource = Object.keys(resources).find((r) => r.toLowerCase() === first.resource.toLowerCase());
  if (resource === undefined) {
    fail(
      'resourceNotFound',
      `The resource principal named ${first.resource} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  }
  const exposed = resources[resource] ?? [];
  const wantsDefault = split.some((s) => s.permission === '.default');
  const requested = split.map((s) => s.permission).filter((p) => p !== '.default');
  const unknown = requested.filter((p) => !exposed.includes(p));
  if (unknown.length > 0)
    fail(
      'invalidScope',
      `The provided value for the input parameter 'scope' is not valid. The scope ${unknown.map((p) => `${resource}/${p}`).join(' ')} is not valid.`,
    );
  return { resource, requested, wantsDefault };
}
