// The bot's own app token, which botbuilder attaches to every reply to the Bot Framework connector
// and every call to its token service (client credentials for https://api.botframework.com).
//
// Why not botbuilder's own credential factory: it builds an MSAL client without instance-discovery
// control, so MSAL asks login.microsoftonline.com whether any other authority is trusted; a sovereign
// or local authority then fails as "untrusted". @azure/identity (already used for on-behalf-of) takes
// the authority host and `disableInstanceDiscovery`, and also covers the managed-identity bot type.
// The login URL and audience still come from botbuilder (ToChannelFromBotLoginUrl / OAuth scope).
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { TokenCredentials, type ServiceClientCredentials, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotIdentity } from '../config';
import { CredentialError } from '../errors';

/** Hosts whose instance discovery Entra answers; anything else (a local rig) skips it. */
const MICROSOFT_LOGIN_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/** Client credentials with a timeout: a reply must not hang on Entra. */
const TOKEN_TIMEOUT_MS = 10_000;

export class BotAppCredentialsFactory implements ServiceClientCredentialsFactory {
  readonly #bot: BotIdentity;
  /** One credential per (authority, tenant); each caches its tokens per scope. */
  readonly #credentials = new Map<string, TokenCredential>();

  constructor(bot: BotIdentity) {
    this.#bot = bot;
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.#bot.id;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(
    appId: string,
    audience: string | undefined,
    loginEndpoint: string,
    _validateAuthority: boolean,
  ): Promise<ServiceClientCredentials> {
    if (appId !== this.#bot.id) throw new CredentialError('misconfigured', `Invalid appId: ${appId} is not this bot's app id.`);
    const scope = `${(audience ?? 'https://api.botframework.com').replace(/\/+$/, '')}/.default`;
    const credential = this.#credentialFor(loginEndpoint);
    return {
      signRequest: async (webResource) => {
        const token = await credential.getToken(scope, { abortSignal: AbortSignal.timeout(TOKEN_TIMEOUT_MS) });
        if (token === null) throw new CredentialError('identityUnavailable', `No app token for ${scope}.`);
        return new TokenCredentials(token.token).signRequest(webResource);
      },
    };
  }

  /** Never show the secret, even if someone logs the factory. */
  toJSON(): Record<string, unknown> {
    return { kind: 'BotAppCredentialsFactory', appId: this.#bot.id, type: this.#bot.type };
  }

  #credentialFor(loginEndpoint: string): TokenCredential {
    const login = new URL(loginEndpoint);
    // botbuilder's login URL names the Bot Framework tenant; a single-tenant bot gets its token from its own tenant.
    const urlTenant = login.pathname.split('/').filter((p) => p !== '')[0] ?? 'botframework.com';
    const tenant = this.#bot.type !== 'MultiTenant' && this.#bot.tenantId !== undefined ? this.#bot.tenantId : urlTenant;
    const key = `${login.origin}|${tenant}`;
    let credential = this.#credentials.get(key);
    if (credential === undefined) {
      if (this.#bot.type === 'UserAssignedMSI') {
        credential = new ManagedIdentityCredential({ clientId: this.#bot.id });
      } else {
        if (this.#bot.password === undefined) throw new CredentialError('misconfigured', 'The bot has no client secret (BOT_PASSWORD).');
        credential = new ClientSecretCredential(tenant, this.#bot.id, this.#bot.password, {
          authorityHost: login.origin,
          disableInstanceDiscovery: !MICROSOFT_LOGIN_HOSTS.has(login.hostname.toLowerCase()),
        });
      }
      this.#credentials.set(key, credential);
    }
    return credential;
  }
}
