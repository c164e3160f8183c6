// Production token provider: trades the analyst's Teams SSO token for a Defender API token with
// the OAuth 2.0 on-behalf-of flow (@azure/identity OnBehalfOfCredential), so Defender applies that
// analyst's own role and device groups. Credentials are cached per user and assertion (bounded);
// no token ever reaches a log line, an error, or a cache key.
import { createHash } from 'node:crypto';
import type { CloudSettings } from '../config/clouds';
import { classifyIdentityError, tokenError, type ExchangeContext } from './classify-identity-error';
import { BoundedMap } from '../shared/bounded-map';
import { withTimeout } from '../shared/timeout';
import {
  credentialOptions,
  defaultCredentialFactory,
  type ClientAuth,
  type CredentialFactory,
  type CredentialSettings,
} from './obo-credential';
import { readSsoClaims } from './sso-claims';
import type { SsoTokenSource } from './sso-token-source';
import { isTokenError, type TokenErrorCode } from './token-error';
import type { Requester, TokenProvider } from './types';
import type { AccessToken, TokenCredential } from '@azure/identity';

/** Failures answered as signInRequired rather than thrown: signing in (again) or consent clears them. */
const SIGN_IN_CODES = ['assertionExpired', 'consentRequired', 'interactionRequired'] as const;
export type SignInCode = 'notSignedIn' | (typeof SIGN_IN_CODES)[number];

function isSignInCode(code: TokenErrorCode): code is (typeof SIGN_IN_CODES)[number] {
  return (SIGN_IN_CODES as readonly string[]).includes(code);
}

/** A TokenResult with more detail; assignable to TokenResult. */
export type OboTokenResult =
  | { kind: 'token'; token: string; expiresOnTimestamp: number }
  | { kind: 'signInRequired'; reason: string; code: SignInCode };

/** pino's Logger fits; only these two levels are used. */
export interface TokenLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface OboTokenProviderOptions {
  /** The bot's Entra app id (BOT_ID): the app the SSO token is for and that calls Entra. */
  clientId: string;
  /** The bot's tenant. Omit for a multi-tenant bot: the exchange then goes to the analyst's tenant (the SSO token's tid). */
  tenantId?: string | undefined;
  /**
   * Entra tenants whose analysts may use the bot (ALLOWED_TENANT_IDS). The SSO token's tid must be one
   * of them and match the activity's tenant before anything is exchanged: its claims are not verified
   * until Entra sees the assertion, so an unchecked tid would pick where the exchange goes.
   */
  allowedTenantIds?: readonly string[] | undefined;
  clientAuth: ClientAuth;
  /** config.cloudSettings: the Defender audience to ask for and the Entra login host. */
  cloud: Pick<CloudSettings, 'audience' | 'loginHost'>;
  /** Overrides cloud.loginHost, e.g. the local identity provider in tests. Must be https. */
  authorityHost?: string | undefined;
  /** Skip Entra's instance discovery: needed for a non-Microsoft authority. Default true when authorityHost is given. */
  disableInstanceDiscovery?: boolean | undefined;
  ssoTokens: SsoTokenSource;
  /** Bound of the credential cache (users × live assertions). Default 500. */
  maxCachedCredentials?: number | undefined;
  /** Give up on Entra after this long (Teams resends a message after ~15 s). Default 8000. */
  timeoutMs?: number | undefined;
  /** HTTP retries towards Entra. Default 2 retries from 500 ms. */
  retry?: { maxRetries?: number | undefined; retryDelayInMs?: number };
  /** Named in the consent message. Default Machine.Read, User.Read.All, Alert.Read. */
  permissions?: readonly string[] | undefined;
  logger?: TokenLogger | undefined;
  /** Tests only: how a credential is made. Default OnBehalfOfCredential. */
  createCredential?: CredentialFactory | undefined;
}

interface CacheEntry {
  userOid: string;
  teamsUserId: string;
  /** Short hash of the assertion, for logs. */
  assertionRef: string;
  credential: TokenCredential;
  pending?: Promise<AccessToken> | undefined;
  lastExpiresOn?: number | undefined;
}

export class OboTokenProvider implements TokenProvider {
  readonly #settings: Omit<CredentialSettings, 'tenantId'> & { tenantId?: string };
  readonly #allowedTenantIds: readonly string[] | undefined;
  readonly #scope: string;
  readonly #audience: string;
  readonly #sso: SsoTokenSource;
  readonly #cache: BoundedMap<string, CacheEntry>;
  readonly #timeoutMs: number;
  readonly #permissions: readonly string[];
  readonly #logger: TokenLogger | undefined;
  readonly #create: CredentialFactory;

  constructor(options: OboTokenProviderOptions) {
    const authorityHost = (options.authorityHost ?? options.cloud.loginHost).replace(/\/+$/, '');
    this.#allowedTenantIds = options.allowedTenantIds?.map((t) => t.toLowerCase());
    this.#settings = {
      clientId: options.clientId,
      ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
      clientAuth: options.clientAuth,
      authorityHost,
      disableInstanceDiscovery: options.disableInstanceDiscovery ?? options.authorityHost !== undefined,
      retry: { maxRetries: options.retry?.maxRetries ?? 2, retryDelayInMs: options.retry?.retryDelayInMs ?? 500 },
    };
    this.#audience = options.cloud.audience.replace(/\/+$/, '');
    this.#scope = `${this.#audience}/.default`;
    this.#sso = options.ssoTokens;
    this.#cache = new BoundedMap({ max: options.maxCachedCredentials ?? 500 });
    this.#timeoutMs = options.timeoutMs ?? 8000;
    this.#permissions = options.permissions ?? ['Machine.Read', 'User.Read.All', 'Alert.Read'];
    this.#logger = options.logger;
    this.#create = options.createCredential ?? defaultCredentialFactory;
    // @azure/identity would refuse it on first use; saying so at start-up is kinder.
    if (!authorityHost.startsWith('https://'))
      throw tokenError('misconfigured', `The Entra authority host must be https, got ${authorityHost}.`, this.#context());
  }

  /**
   * A Defender token for the requester, or signInRequired when they must sign in (again) or an admin
   * must consent. Throws TokenError for invalidAssertion, identityUnavailable and misconfigured.
   */
  async getDefenderToken(requester: Requester): Promise<OboTokenResult> {
    const ssoToken = await this.#sso.getSsoToken(requester);
    if (ssoToken === undefined || ssoToken === '') {
      return { kind: 'signInRequired', code: 'notSignedIn', reason: 'I don’t have your Teams sign-in yet.' };
    }
    try {
      const token = await this.#acquire(requester, ssoToken);
      return { kind: 'token', token: token.token, expiresOnTimestamp: token.expiresOnTimestamp };
    } catch (e) {
      const err = isTokenError(e) ? e : classifyIdentityError(e, this.#context());
      this.#logger?.warn(
        { user: requester.aadObjectId ?? requester.teamsUserId, code: err.code, aadsts: err.aadstsCode, correlationId: err.correlationId },
        'on-behalf-of exchange failed',
      );
      // The stored SSO token is dead: drop it so the Teams wiring asks for a fresh sign-in.
      if (err.code === 'assertionExpired') await this.#sso.forget?.(requester);
      if (isSignInCode(err.code)) return { kind: 'signInRequired', code: err.code, reason: err.userReason };
      throw err;
    }
  }

  /** Forgets the requester's credentials (and cached Defender tokens) and SSO token: the next call signs in afresh. */
  async signOut(requester: Requester): Promise<void> {
    const oid = requester.aadObjectId?.toLowerCase();
    const removed = this.#cache.deleteWhere((e) => e.teamsUserId === requester.teamsUserId || (oid !== undefined && e.userOid === oid));
    await this.#sso.forget?.(requester);
    this.#logger?.info({ user: requester.aadObjectId ?? requester.teamsUserId, removed }, 'signed out');
  }

  /** Observable state for health checks and tests; nothing secret. */
  stats(): { cachedCredentials: number } {
    return { cachedCredentials: this.#cache.size };
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'OboTokenProvider', clientId: this.#settings.clientId, audience: this.#audience, ...this.stats() };
  }

  async #acquire(requester: Requester, ssoToken: string): Promise<AccessToken> {
    const claims = readSsoClaims(ssoToken);
    if (claims === undefined)
      throw tokenError('invalidAssertion', 'The SSO token the bot holds for this user is not a JWT with an oid claim.', this.#context());
    if (requester.aadObjectId !== undefined && requester.aadObjectId.toLowerCase() !== claims.oid) {
      // A token source bug must not let one analyst act with another's identity.
      throw tokenError(
        'invalidAssertion',
        'The SSO token belongs to a different user than the one asking; refusing to exchange it.',
        this.#context(),
      );
    }
    this.#checkTenant(requester, claims.tid);
    const tenantId = this.#settings.tenantId ?? claims.tid;
    if (tenantId === undefined)
      throw tokenError(
        'misconfigured',
        'No tenant id: configure the bot tenant, or the SSO token must carry a tid claim.',
        this.#context(),
      );
    // The key holds a hash of the assertion, never the assertion itself.
    const assertionHash = createHash('sha256').update(`${tenantId}\n${ssoToken}`).digest('hex');
    const key = `${claims.oid}:${assertionHash}`;
    let entry = this.#cache.get(key);
    if (entry === undefined) {
      const created: CacheEntry = {
        userOid: claims.oid,
        teamsUserId: requester.teamsUserId,
        assertionRef: assertionHash.slice(0, 12),
        credential: this.#create(credentialOptions({ ...this.#settings, tenantId }, ssoToken)),
      };
      this.#cache.set(key, created);
      entry = created;
    }
    const current = entry;
    // Concurrent calls for the same user share one exchange (Teams may deliver an activity twice).
    current.pending ??= this.#getToken(current, tenantId).finally(() => {
      current.pending = undefined;
    });
    try {
      return await current.pending;
    } catch (e) {
      // A failed credential is not reused: after consent is granted or config fixed, start clean.
      if (this.#cache.get(key) === current) this.#cache.delete(key);
      throw isTokenError(e) ? e : classifyIdentityError(e, this.#context(tenantId));
    }
  }

  async #getToken(entry: CacheEntry, tenantId: string): Promise<AccessToken> {
    const token = await this.#withTimeout((abortSignal) => entry.credential.getToken(this.#scope, { abortSignal }));
    if (token === null)
      throw tokenError('identityUnavailable', 'Entra returned no token for the on-behalf-of exchange.', this.#context(tenantId));
    if (entry.lastExpiresOn !== token.expiresOnTimestamp) {
      // A new expiry means a new exchange happened (a cache hit returns the same token).
      entry.lastExpiresOn = token.expiresOnTimestamp;
      this.#logger?.info(
        { user: entry.userOid, tenantId, assertion: entry.assertionRef, expiresOn: new Date(token.expiresOnTimestamp).toISOString() },
        'on-behalf-of exchange succeeded',
      );
    }
    return token;
  }

  /** Gives up after timeoutMs even if the SDK ignores the abort signal: Teams will not wait. */
  #withTimeout<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const message = `Microsoft Entra ID at ${this.#settings.authorityHost} did not answer within ${this.#timeoutMs} ms.`;
    return withTimeout(this.#timeoutMs, run, () => tokenError('identityUnavailable', message, this.#context()));
  }

  #checkTenant(requester: Requester, tid: string | undefined): void {
    const allowed = this.#allowedTenantIds;
    if (allowed === undefined) return;
    const token = tid?.toLowerCase();
    if (token === undefined || !allowed.includes(token)) {
      throw tokenError('invalidAssertion', 'The SSO token is not from a tenant this bot serves; refusing to exchange it.', this.#context());
    }
    if (requester.tenantId !== undefined && requester.tenantId.toLowerCase() !== token) {
      throw tokenError(
        'invalidAssertion',
        'The SSO token is from a different tenant than the conversation; refusing to exchange it.',
        this.#context(),
      );
    }
  }

  #context(tenantId?: string): ExchangeContext {
    return {
      clientId: this.#settings.clientId,
      tenantId: tenantId ?? this.#settings.tenantId ?? '(the user’s tenant)',
      audience: this.#audience,
      permissions: this.#permissions,
      authorityHost: this.#settings.authorityHost,
    };
  }
}
