// POST /{tenant}/oauth2/v2.0/token with grant_type=client_credentials: the bot's own app token,
// which botbuilder attaches to every reply it posts to the Bot Framework connector and token
// service (scope https://api.botframework.com/.default). Checked in Entra's order: tenant → client
// → client credentials → scope (exactly one `<resource>/.default`).
import { authenticateClient } from './client-auth';
import { fail, tenantNotFoundDescription } from './errors';
import { mintAppToken } from './mint';
import type { GrantContext } from './obo-grant';

export const CLIENT_CREDENTIALS_GRANT = 'client_credentials';

/** Audiences an app-only token can be issued for, besides the configured resources: the Bot Framework channel API. */
export const APP_ONLY_RESOURCES = ['https://api.botframework.com'];

export interface AppTokenResponse {
  token_type: 'Bearer';
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
}

/** Throws EntraErrorResponse for every refusal. */
export function clientCredentialsGrant(tenant: string, form: URLSearchParams, ctx: GrantContext): AppTokenResponse {
  const { mint } = ctx;
  const nowSeconds = Math.floor(mint.now() / 1000);
  if (tenant.toLowerCase() !== mint.tenantId.toLowerCase()) fail('tenantNotFound', tenantNotFoundDescription(tenant));
  const clientId = form.get('client_id');
  if (clientId === null || clientId.trim() === '')
    fail('missingParameter', "The request body must contain the following parameter: 'client_id'.");
  const client = ctx.clients.get(clientId.toLowerCase());
  if (client === undefined) {
    fail('unknownClient', `Application with identifier '${clientId}' was not found in the directory '${mint.tenantId}'.`);
  }
  const method = authenticateClient(form, client, {
    baseUrl: mint.baseUrl,
    tenantId: mint.tenantId,
    tokenEndpoint: ctx.tokenEndpoint,
    idpKey: mint.key,
    nowSeconds,
  });
  const scopes = (form.get('scope') ?? '').split(/\s+/).filter((s) => s !== '');
  const [scope] = scopes;
  if (scope === undefined) fail('missingParameter', "The request body must contain the following parameter: 'scope'.");
  // Entra: an app-only request names one resource, as `<resource>/.default` (AADSTS1002012 otherwise).
  if (scopes.length !== 1 || !scope.endsWith('/.default')) {
    fail(
      'invalidScope',
      `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const requested = scope.slice(0, -'/.default'.length);
  const known = [...APP_ONLY_RESOURCES, ...Object.keys(ctx.resources)];
  const resource = known.find((r) => r.replace(/\/+$/, '').toLowerCase() === requested.replace(/\/+$/, '').toLowerCase());
  if (resource === undefined) {
    fail('resourceNotFound', `The resource principal named ${requested} was not found in the tenant named ${mint.tenantId}.`);
  }
  const lifetime = ctx.accessTokenLifetimeSeconds;
  return {
    token_type: 'Bearer',
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: mintAppToken(mint, {
      audience: resource,
      clientId: client.clientId,
      clientAuth: method === 'secret' ? 'secret' : 'certificate',
      expiresInSeconds: lifetime,
    }),
  };
}
