// What the local identity provider knows: its tenant, the app registrations that may call it, the
// resources (APIs) it issues tokens for, and who consented to what.
import { CLOUDS } from '../../../src/config/clouds';

/** An Entra app registration, as far as token requests need it. */
export interface ClientRegistration {
  clientId: string;
  /** Application ID URIs; SSO tokens for the app carry one of these or the client id as `aud`. Default `api://botid-<clientId>`. */
  identifierUris?: string[];
  /** Client secrets that authenticate the app. */
  secrets?: string[];
  /** PEM certificates (public part) whose private keys may sign client assertions. */
  certificates?: string[];
  /** Federated credentials: `sub` values of assertions this IdP issued with audience api://AzureADTokenExchange (managed identities). */
  federatedSubjects?: string[];
}

/** Consent for a client to call a resource with delegated permissions; without `userOid` it is admin consent for everyone. */
export interface ConsentGrant {
  clientId: string;
  resource: string;
  scopes: string[];
  userOid?: string;
}

/** A user the IdP mints tokens for (tokens carry these claims; the IdP keeps no directory). */
export interface IdpUser {
  oid: string;
  upn: string;
  name?: string;
}

export interface IdentityProviderOptions {
  /** Default a fixed GUID; requests for any other tenant get AADSTS90002. */
  tenantId?: string;
  clients?: ClientRegistration[];
  /** Resource (audience) → the delegated permissions it exposes. Default: the Defender audiences of every cloud. */
  resources?: Record<string, string[]>;
  grants?: ConsentGrant[];
  /** Lifetime of issued access tokens (default 3600 s, as Entra's ~1 hour). */
  accessTokenLifetimeSeconds?: number;
  /** Clock in ms for minting and expiry checks; default Date.now. */
  now?: () => number;
  /** Default 0 (a free port). */
  port?: number;
}

export const DEFAULT_TENANT_ID = '8f2c1e4a-3b5d-4c6e-9f70-1a2b3c4d5e6f';

/** The delegated permissions WindowsDefenderATP exposes that this project may ask for. */
export const DEFENDER_PERMISSIONS = ['Machine.Read', 'Machine.ReadWrite', 'User.Read.All', 'Alert.Read', 'Alert.ReadWrite'];

export function defaultResources(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const cloud of Object.values(CLOUDS)) out[cloud.audience] = [...DEFENDER_PERMISSIONS];
  return out;
}

/** The audience of the well-known token exchange used by federated credentials (managed identity → app). */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** The Teams clients' app id (desktop/mobile), the `azp` of a Teams SSO token. */
export const TEAMS_CLIENT_APP_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
