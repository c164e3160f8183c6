// The production half of the configuration: how the bot signs analysts in (Teams SSO + the
// on-behalf-of exchange), which Entra tenants may use it, how channels sign in, and the overrides
// that point everything at a local test rig. Every problem names the key and where its value comes from.
import type { BotType } from './config';
import { isBotAppIdUri, isGuid } from '../shared/ids';

/** How the bot's Entra app proves itself in the on-behalf-of exchange. */
export type OboClientAuthConfig =
  | { kind: 'secret'; secret: string }
  /** A PEM file with the private key and the certificate. */
  | { kind: 'certificate'; certificatePath: string }
  /** A user-assigned managed identity whose token is the app's client assertion (federated credential): no secret. */
  | { kind: 'managedIdentity'; clientId: string };

/** Teams SSO does not work in channels: sign in there with the OAuth card, or ask for a 1:1 chat. */
export const CHANNEL_SIGN_IN_MODES = ['oauth-card', 'personal-chat'] as const;
export type ChannelSignIn = (typeof CHANNEL_SIGN_IN_MODES)[number];

export interface SignInConfig {
  /** AAD_APP_CLIENT_ID: the Entra app the Teams SSO token is issued for, and that does the on-behalf-of exchange. */
  clientId: string;
  /** AAD_APP_TENANT_ID; undefined = the tenant in the analyst's SSO token (multi-tenant). */
  tenantId?: string | undefined;
  clientAuth: OboClientAuthConfig;
  /** OAUTH_CONNECTION_NAME: the Azure Bot's OAuth connection (sign-in button, token service). */
  connectionName: string;
  channelSignIn: ChannelSignIn;
  /** APP_ID_URI, default api://botid-<BOT_ID>: the Teams SSO resource, as in the manifest's webApplicationInfo.resource. */
  resource: string;
}

/** For local test rigs only: loopback stand-ins for Entra, the Bot Framework issuer and its token service. */
export interface LocalRigOverrides {
  /** Entra authority host (https), for the on-behalf-of exchange and the bot's own app token. */
  authorityHost?: string | undefined;
  /** OpenID metadata of the Bot Framework channel's token issuer (inbound JWT validation). */
  botFrameworkOpenIdMetadataUrl?: string | undefined;
  /** The Bot Framework token service (OAuth cards, sign-in links, user tokens). */
  tokenServiceUrl?: string | undefined;
}

export interface ProductionSignIn {
  signIn: SignInConfig;
  /** Entra tenants whose activities are answered; anything else gets a short refusal. */
  allowedTenantIds: readonly string[];
  localRig?: LocalRigOverrides | undefined;
}

export interface BotKeys {
  id: string;
  type: BotType;
  password?: string | undefined;
  tenantId?: string | undefined;
}

type Get = (key: string) => string | undefined;

const PORTAL_APP = 'Entra admin center → App registrations → your bot’s app';

export function productionSignInFromEnv(get: Get, bot: BotKeys, problems: string[], warnings: string[] = []): ProductionSignIn {
  const clientIdRaw = get('AAD_APP_CLIENT_ID');
  // A managed identity cannot expose an API (api://botid-…), so an MSI bot names its app registration.
  if (bot.type === 'UserAssignedMSI' && clientIdRaw === undefined) {
    problems.push(
      `AAD_APP_CLIENT_ID is missing: with BOT_TYPE=UserAssignedMSI, set it to the client id of the Entra app registration that exposes api://botid-${bot.id} with the access_as_user scope (${PORTAL_APP} → Overview → Application (client) ID).`,
    );
  }
  const clientId = clientIdRaw ?? bot.id;
  if (!isGuid(clientId))
    problems.push(`AAD_APP_CLIENT_ID="${clientId}" is not a GUID: use the Application (client) ID of the bot's Entra app registration.`);

  const tenantId = get('AAD_APP_TENANT_ID') ?? bot.tenantId;
  if (tenantId !== undefined && !isGuid(tenantId))
    problems.push(`AAD_APP_TENANT_ID="${tenantId}" is not a GUID (Entra admin center → Overview → Tenant ID).`);

  const clientAuth = clientAuthFromEnv(get, bot, clientId, problems);

  const connectionName = get('OAUTH_CONNECTION_NAME');
  if (connectionName === undefined) {
    problems.push(
      `OAUTH_CONNECTION_NAME is missing: add an OAuth connection to the Azure Bot (Azure portal → your Azure Bot → Configuration → Add OAuth Connection Settings; provider "Azure Active Directory v2", client id ${clientId}, scopes api://botid-${bot.id}/access_as_user, Token Exchange URL api://botid-${bot.id}) and put its name here. Teams sign-in needs it for the sign-in button and in channels.`,
    );
  }

  // The same key the app package uses for webApplicationInfo.resource: the two must agree.
  const resource = get('APP_ID_URI') ?? `api://botid-${bot.id}`;
  if (!isBotAppIdUri(resource, bot.id)) {
    problems.push(
      `APP_ID_URI="${resource}" must be api://botid-${bot.id} or api://<your domain>/botid-${bot.id} (Teams SSO for bots needs the bot id in it), and the same as the app registration's Application ID URI.`,
    );
  }

  const channelRaw = (get('CHANNEL_SIGNIN') ?? 'oauth-card').toLowerCase();
  const channelSignIn = CHANNEL_SIGN_IN_MODES.find((m) => m === channelRaw);
  if (channelSignIn === undefined) problems.push(`CHANNEL_SIGNIN="${channelRaw}" must be oauth-card or personal-chat.`);

  return {
    signIn: {
      clientId,
      ...(tenantId === undefined ? {} : { tenantId }),
      clientAuth: clientAuth ?? { kind: 'secret', secret: '' },
      connectionName: connectionName ?? '',
      channelSignIn: channelSignIn ?? 'oauth-card',
      resource,
    },
    allowedTenantIds: allowedTenantsFromEnv(get, bot, problems),
    ...localRigFromEnv(get, problems, warnings),
  };
}

/** Exactly one of secret, certificate, managed identity; the secret defaults to BOT_PASSWORD only for the bot's own app. */
function clientAuthFromEnv(get: Get, bot: BotKeys, clientId: string, problems: string[]): OboClientAuthConfig | undefined {
  const secret = get('AAD_APP_CLIENT_SECRET');
  const certificatePath = get('AAD_APP_CERTIFICATE_PATH');
  const msiClientId = get('AAD_APP_MSI_CLIENT_ID');
  const given = [secret, certificatePath, msiClientId].filter((v) => v !== undefined).length;
  if (given > 1) {
    problems.push(
      'AAD_APP_CLIENT_SECRET, AAD_APP_CERTIFICATE_PATH and AAD_APP_MSI_CLIENT_ID are alternatives: set exactly one (the managed identity needs no secret and is preferred in Azure).',
    );
    return undefined;
  }
  if (certificatePath !== undefined) return { kind: 'certificate', certificatePath };
  if (msiClientId !== undefined) {
    if (!isGuid(msiClientId))
      problems.push(
        `AAD_APP_MSI_CLIENT_ID="${msiClientId}" is not a GUID: use the client id of the user-assigned managed identity (Azure portal → Managed identities → Overview).`,
      );
    return { kind: 'managedIdentity', clientId: msiClientId };
  }
  if (secret !== undefined) return { kind: 'secret', secret };
  // BOT_PASSWORD is a secret of the bot's own app: reuse it only when that is the app doing the exchange.
  if (bot.password !== undefined && clientId.toLowerCase() === bot.id.toLowerCase()) return { kind: 'secret', secret: bot.password };
  problems.push(
    `AAD_APP_CLIENT_SECRET is missing: the on-behalf-of exchange needs a credential of app ${clientId}. Set AAD_APP_MSI_CLIENT_ID (a user-assigned managed identity with a federated credential on the app: no secret), AAD_APP_CERTIFICATE_PATH (a PEM with key and certificate; upload the certificate under ${PORTAL_APP} → Certificates & secrets), or AAD_APP_CLIENT_SECRET (a client secret from the same page)${clientId.toLowerCase() === bot.id.toLowerCase() ? '; BOT_PASSWORD is used when none is set' : ''}.`,
  );
  return undefined;
}

/**
 * Empty means "the bot's own tenant" for a single-tenant bot. A multi-tenant bot can be installed
 * by any Microsoft 365 tenant, so it must say which ones it serves: refusing to start is safer than
 * answering strangers (who could only see their own Defender data, but still use the bot's budget).
 */
function allowedTenantsFromEnv(get: Get, bot: BotKeys, problems: string[]): string[] {
  const raw = get('ALLOWED_TENANT_IDS');
  if (raw === undefined) {
    if (bot.tenantId !== undefined && bot.type !== 'MultiTenant') return [bot.tenantId.toLowerCase()];
    problems.push(
      'ALLOWED_TENANT_IDS is missing: a MultiTenant bot can be reached from any Microsoft 365 tenant that installs it. List the Entra tenant ids (comma-separated GUIDs, Entra admin center → Overview → Tenant ID) whose analysts may use it.',
    );
    return [];
  }
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = ids.filter((id) => !isGuid(id));
  if (bad.length > 0)
    problems.push(`ALLOWED_TENANT_IDS must be comma-separated tenant GUIDs; these are not: ${bad.map((b) => `"${b}"`).join(', ')}.`);
  if (ids.length === 0)
    problems.push(
      'ALLOWED_TENANT_IDS is empty: list at least one Entra tenant id, or remove the key (single-tenant bots then serve their own tenant).',
    );
  return ids.filter((id) => isGuid(id)).map((id) => id.toLowerCase());
}

const RIG_KEYS = {
  authorityHost: 'LOCAL_RIG_ENTRA_AUTHORITY_HOST',
  botFrameworkOpenIdMetadataUrl: 'LOCAL_RIG_BOTFRAMEWORK_OPENID_METADATA_URL',
  tokenServiceUrl: 'LOCAL_RIG_BOTFRAMEWORK_TOKEN_SERVICE_URL',
} as const;

/**
 * For local test rigs only: on loopback, https, and only with LOCAL_TEST_RIG=1 — a production bot
 * must never trust a stand-in identity provider by accident. When used, it is a loud warning.
 */
function localRigFromEnv(get: Get, problems: string[], warnings: string[]): { localRig?: LocalRigOverrides } {
  const rig: LocalRigOverrides = {};
  const given = Object.values(RIG_KEYS).filter((key) => get(key) !== undefined);
  if (given.length === 0) return {};
  const flag = (get('LOCAL_TEST_RIG') ?? '').toLowerCase();
  if (!['1', 'true', 'yes', 'on'].includes(flag)) {
    problems.push(
      `${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} for local test rigs only and replace the identity providers this bot trusts: remove ${given.length === 1 ? 'it' : 'them'} (a test rig also sets LOCAL_TEST_RIG=1).`,
    );
    return {};
  }
  for (const [field, key] of Object.entries(RIG_KEYS) as Array<[keyof LocalRigOverrides, string]>) {
    const raw = get(key);
    if (raw === undefined) continue;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      problems.push(`${key}="${raw}" is not a URL.`);
      continue;
    }
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      problems.push(`${key} is for local test rigs only and must point at 127.0.0.1, localhost or [::1]; remove it in production.`);
      continue;
    }
    if (url.protocol !== 'https:') {
      problems.push(`${key} must be https: it carries tokens (and @azure/identity refuses an http authority).`);
      continue;
    }
    rig[field] = raw.replace(/\/+$/, '');
  }
  if (Object.keys(rig).length === 0) return {};
  warnings.push(
    `LOCAL TEST RIG: ${given.join(', ')} replace Entra ID / the Bot Framework with local stand-ins. Never run real traffic with these set.`,
  );
  return { localRig: rig };
}
