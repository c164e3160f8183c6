// A local stand-in for Entra ID (and Bot Framework's token issuer) over HTTPS on 127.0.0.1, for
// tests, the demo and the bench: discovery, JWKS, and the on-behalf-of token grant with Entra's
// error envelope; plus minting of the tokens Teams and the Bot Framework channel would send.
// Trust it with NODE_EXTRA_CA_CERTS=<writeCaFile()> set before Node starts. See ./README.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsentStore } from './consent';
import { createSigningKey, publishKey, type JsonWebKeySet } from './keys';
import {
  mintAccessToken,
  mintAppToken,
  mintBotFrameworkToken,
  mintFederatedAssertion,
  mintSsoToken,
  v1Issuer,
  v2Issuer,
  type AccessTokenOptions,
  type AppTokenOptions,
  type BotFrameworkTokenOptions,
  type CommonMintOptions,
  type MintContext,
  type SsoTokenOptions,
} from './mint';
import {
  BOT_FRAMEWORK_ISSUER,
  DEFAULT_TENANT_ID,
  defaultResources,
  type ClientRegistration,
  type IdentityProviderOptions,
  type IdpUser,
} from './options';
import { IDP_ENDPOINTS, idpListener, type IdpEndpoint, type ServerState, type TokenRequestRecord } from './server';
import { createTlsMaterial } from './tls';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export { ConsentStore } from './consent';
export { AADSTS, type EntraErrorBody } from './errors';
export { decodeJwt, type JsonWebKeySet, type PublishedJwk } from './keys';
export type { AccessTokenOptions, AppTokenOptions, BotFrameworkTokenOptions, CommonMintOptions, SignWith, SsoTokenOptions } from './mint';
export {
  BOT_FRAMEWORK_ISSUER,
  DEFAULT_TENANT_ID,
  DEFENDER_PERMISSIONS,
  TEAMS_CLIENT_APP_ID,
  TOKEN_EXCHANGE_AUDIENCE,
  type ClientRegistration,
  type ConsentGrant,
  type IdentityProviderOptions,
  type IdpUser,
} from './options';
export { IDP_ENDPOINTS, type IdpEndpoint, type TokenRequestRecord } from './server';

export interface BotFrameworkIssuer {
  issuer: string;
  /** What botbuilder's ToBotFromChannelOpenIdMetadataUrl should point at. */
  openIdConfigurationUrl: string;
  jwksUri: string;
  /** Keys carry `endorsements` (msteams, emulator, …), which botbuilder checks against the channel id. */
  jwks(): JsonWebKeySet;
}

export interface IdentityProvider {
  /** https://127.0.0.1:<port>: pass as `authorityHost` (with disableInstanceDiscovery). */
  url: string;
  tenantId: string;
  /** The v2.0 issuer of SSO tokens and the metadata document. */
  issuer: string;
  /** The v1 issuer of access tokens (Entra: https://sts.windows.net/<tid>/). */
  accessTokenIssuer: string;
  openIdConfigurationUrl: string;
  jwksUri: string;
  tokenEndpoint: string;
  /** PEM of the CA that signed the server certificate. */
  caPem: string;
  /** Writes caPem to a new temp file and returns its path, for NODE_EXTRA_CA_CERTS; close() deletes it. */
  writeCaFile(): string;
  jwks(): JsonWebKeySet;
  botFramework: BotFrameworkIssuer;
  consent: ConsentStore;
  registerClient(client: ClientRegistration): void;
  /** Requests served per endpoint since start or the last resetCounts(). */
  counts(): Readonly<Record<IdpEndpoint, number>>;
  tokenRequests(): readonly TokenRequestRecord[];
  resetCounts(): void;
  /** The next `times` token requests fail with `status` and AADSTS90033 (temporarily_unavailable). */
  failTokenRequests(times: number, status?: 500 | 503): void;
  /** Lifetime of access tokens issued from now on (e.g. under MSAL's 300 s renewal margin, so every call exchanges again). */
  setAccessTokenLifetimeSeconds(seconds: number): void;
  /** Token requests of one grant type since the last resetCounts(): `on_behalf_of` (jwt-bearer) or `client_credentials`. */
  tokenRequestsOf(grant: 'on_behalf_of' | 'client_credentials'): readonly TokenRequestRecord[];
  /** A Teams SSO token for the bot: aud api://botid-<appId>, scp access_as_user. appId defaults to the first registered client. */
  mintSsoToken(user: IdpUser, options?: Partial<SsoTokenOptions>): string;
  mintAccessToken(user: IdpUser, options: AccessTokenOptions): string;
  /** An app-only token, as the client_credentials grant issues it. */
  mintAppToken(options: AppTokenOptions): string;
  mintBotFrameworkToken(options: BotFrameworkTokenOptions): string;
  /** What a managed identity with this object id gets for api://AzureADTokenExchange. */
  mintFederatedAssertion(subject: string, options?: CommonMintOptions): string;
  close(): Promise<void>;
}

export async function startIdentityProvider(options: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  const tls = await createTlsMaterial();
  const now = options.now ?? Date.now;
  const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
  const clients = new Map<string, ClientRegistration>();
  const registerClient = (c: ClientRegistration): void => {
    clients.set(c.clientId.toLowerCase(), { ...c });
  };
  for (const c of options.clients ?? []) registerClient(c);
  const resources = options.resources ?? defaultResources();
  const consent = new ConsentStore(options.grants);
  let accessTokenLifetimeSeconds = options.accessTokenLifetimeSeconds ?? 3600;
  const key = createSigningKey();
  const botFrameworkKey = createSigningKey();
  const mint: MintContext = { baseUrl: '', tenantId, key, foreignKey: createSigningKey(), botFrameworkKey, now };
  const jwks = (): JsonWebKeySet => ({ keys: [publishKey(key, { issuer: v2Issuer(mint) })] });
  const botFrameworkJwks = (): JsonWebKeySet => ({
    keys: [publishKey(botFrameworkKey, { endorsements: ['msteams', 'emulator', 'webchat', 'directline'] })],
  });

  const state: ServerState = {
    grant: () => ({
      mint,
      clients,
      resources,
      consent,
      accessTokenLifetimeSeconds,
      tokenEndpoint: `${mint.baseUrl}/${tenantId}/oauth2/v2.0/token`,
    }),
    jwks,
    botFrameworkJwks,
    counts: zeroCounts(),
    tokenLog: [],
    tokenFaults: { times: 0, status: 503 },
  };
  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, idpListener(state));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startIdentityProvider: not listening on a TCP port');
  mint.baseUrl = `https://127.0.0.1:${address.port}`;
  const url = mint.baseUrl;

  const defaultAppId = (): string => {
    const first = clients.values().next();
    if (first.done === true) throw new Error('mintSsoToken: no client registered; pass options.appId');
    return first.value.clientId;
  };
  const caDirs: string[] = [];
  let closing: Promise<void> | undefined;
  return {
    url,
    tenantId,
    issuer: v2Issuer(mint),
    accessTokenIssuer: v1Issuer(mint),
    openIdConfigurationUrl: `${url}/${tenantId}/v2.0/.well-known/openid-configuration`,
    jwksUri: `${url}/${tenantId}/discovery/v2.0/keys`,
    tokenEndpoint: `${url}/${tenantId}/oauth2/v2.0/token`,
    caPem: tls.caPem,
    writeCaFile: () => {
      const dir = mkdtempSync(join(tmpdir(), 'local-idp-'));
      caDirs.push(dir);
      const file = join(dir, 'ca.pem');
      writeFileSync(file, tls.caPem);
      return file;
    },
    jwks,
    botFramework: {
      issuer: BOT_FRAMEWORK_ISSUER,
      openIdConfigurationUrl: `${url}/v1/.well-known/openidconfiguration`,
      jwksUri: `${url}/v1/.well-known/keys`,
      jwks: botFrameworkJwks,
    },
    consent,
    registerClient,
    counts: () => ({ ...state.counts }),
    tokenRequests: () => [...state.tokenLog],
    resetCounts: () => {
      state.counts = zeroCounts();
      state.tokenLog = [];
    },
    failTokenRequests: (times, status = 503) => {
      state.tokenFaults = { times, status };
    },
    setAccessTokenLifetimeSeconds: (seconds) => {
      if (!Number.isInteger(seconds) || seconds < 1)
        throw new RangeError(`access token lifetime must be a positive whole number of seconds, got ${seconds}`);
      accessTokenLifetimeSeconds = seconds;
    },
    tokenRequestsOf: (grant) =>
      state.tokenLog.filter((r) => (grant === 'client_credentials' ? r.grant === 'client_credentials' : r.grant === JWT_BEARER_GRANT)),
    mintSsoToken: (user, o = {}) => mintSsoToken(mint, user, { ...o, appId: o.appId ?? defaultAppId() }),
    mintAccessToken: (user, o) => mintAccessToken(mint, user, o),
    mintAppToken: (o) => mintAppToken(mint, o),
    mintBotFrameworkToken: (o) => mintBotFrameworkToken(mint, o),
    mintFederatedAssertion: (subject, o) => mintFederatedAssertion(mint, subject, o),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const dir of caDirs) rmSync(dir, { recursive: true, force: true });
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function zeroCounts(): Record<IdpEndpoint, number> {
  return Object.fromEntries(IDP_ENDPOINTS.map((e) => [e, 0])) as Record<IdpEndpoint, number>;
}
