// Tokens the local IdP issues or hands tests: Teams SSO tokens (what Teams gives the bot), Defender
// access tokens (what the on-behalf-of exchange returns), Bot Framework channel tokens (what the
// connector sends the bot), and managed-identity assertions for federated client credentials.
import { createHash, randomBytes } from 'node:crypto';
import { signJwt, type SigningKey } from './keys';
import { BOT_FRAMEWORK_ISSUER, TEAMS_CLIENT_APP_ID, TOKEN_EXCHANGE_AUDIENCE, type IdpUser } from './options';

export interface MintContext {
  /** e.g. https://127.0.0.1:4443 */
  baseUrl: string;
  tenantId: string;
  /** Published in the tenant's JWKS. */
  key: SigningKey;
  /** Never published: tokens signed with it must be refused ("unknown key"). */
  foreignKey: SigningKey;
  /** Published in the Bot Framework JWKS. */
  botFrameworkKey: SigningKey;
  now: () => number;
}

/** `idp` signs with the published key; `unknownKey` with one no JWKS contains. */
export type SignWith = 'idp' | 'unknownKey';

export interface CommonMintOptions {
  /** Seconds from now; negative for an already expired token. */
  expiresInSeconds?: number;
  signWith?: SignWith;
  /** Extra or overriding claims. */
  claims?: Record<string, unknown>;
}

export interface SsoTokenOptions extends CommonMintOptions {
  /** The bot's app id: the token's audience is api://botid-<appId> unless `audience` is given. */
  appId: string;
  audience?: string;
  scp?: string;
}

export interface AccessTokenOptions extends CommonMintOptions {
  audience: string;
  scp: string;
  clientId: string;
  /** appidacr: 1 = client secret, 2 = certificate or assertion. */
  clientAuth?: 'secret' | 'certificate';
}

export interface BotFrameworkTokenOptions extends CommonMintOptions {
  appId: string;
  serviceUrl: string;
}

export function v2Issuer(ctx: Pick<MintContext, 'baseUrl' | 'tenantId'>): string {
  return `${ctx.baseUrl}/${ctx.tenantId}/v2.0`;
}

/** Defender accepts v1 tokens, issued by https://sts.windows.net/<tid>/; the local equivalent. */
export function v1Issuer(ctx: Pick<MintContext, 'baseUrl' | 'tenantId'>): string {
  return `${ctx.baseUrl}/${ctx.tenantId}/`;
}

function times(ctx: MintContext, expiresInSeconds: number): { iat: number; nbf: number; exp: number } {
  const now = Math.floor(ctx.now() / 1000);
  const exp = now + expiresInSeconds;
  // An already-expired token must also have been valid once, or nbf > exp would be a different defect.
  const iat = Math.min(now, exp - 60);
  return { iat, nbf: iat, exp };
}

function keyFor(ctx: MintContext, signWith: SignWith | undefined, normal: SigningKey): SigningKey {
  return signWith === 'unknownKey' ? ctx.foreignKey : normal;
}

/** The claims naming the user, common to every user token. Entra's `sub` is pairwise per app (here: per audience). */
function userClaims(ctx: MintContext, user: IdpUser, subjectScope: string): Record<string, string> {
  return {
    name: user.name ?? user.upn,
    oid: user.oid,
    sub: createHash('sha256').update(`${user.oid}|${subjectScope}`).digest('base64url').slice(0, 43),
    tid: ctx.tenantId,
    uti: randomBytes(16).toString('base64url'),
  };
}

export function mintSsoToken(ctx: MintContext, user: IdpUser, o: SsoTokenOptions): string {
  const claims = {
    aud: o.audience ?? `api://botid-${o.appId}`,
    iss: v2Issuer(ctx),
    ...times(ctx, o.expiresInSeconds ?? 3600),
    azp: TEAMS_CLIENT_APP_ID,
    azpacr: '0',
    ...userClaims(ctx, user, o.appId),
    preferred_username: user.upn,
    upn: user.upn,
    scp: o.scp ?? 'access_as_user',
    ver: '2.0',
    ...o.claims,
  };
  return signJwt(keyFor(ctx, o.signWith, ctx.key), claims);
}

export function mintAccessToken(ctx: MintContext, user: IdpUser, o: AccessTokenOptions): string {
  const claims = {
    aud: o.audience,
    iss: v1Issuer(ctx),
    ...times(ctx, o.expiresInSeconds ?? 3600),
    acr: '1',
    amr: ['pwd'],
    appid: o.clientId,
    appidacr: o.clientAuth === 'certificate' ? '2' : '1',
    ...userClaims(ctx, user, o.audience),
    scp: o.scp,
    unique_name: user.upn,
    upn: user.upn,
    ver: '1.0',
    ...o.claims,
  };
  return signJwt(keyFor(ctx, o.signWith, ctx.key), claims);
}

export interface AppTokenOptions extends CommonMintOptions {
  audience: string;
  clientId: string;
  /** appidacr: 1 = client secret, 2 = certificate or assertion. */
  clientAuth?: 'secret' | 'certificate';
}

/** An app-only token (client credentials): no user, `oid`/`sub` are the app's service principal. */
export function mintAppToken(ctx: MintContext, o: AppTokenOptions): string {
  const servicePrincipal = createHash('sha256').update(`sp|${o.clientId}`).digest('hex');
  const spOid = `${servicePrincipal.slice(0, 8)}-${servicePrincipal.slice(8, 12)}-4${servicePrincipal.slice(13, 16)}-8${servicePrincipal.slice(17, 20)}-${servicePrincipal.slice(20, 32)}`;
  const claims = {
    aud: o.audience,
    iss: v1Issuer(ctx),
    ...times(ctx, o.expiresInSeconds ?? 3600),
    appid: o.clientId,
    appidacr: o.clientAuth === 'certificate' ? '2' : '1',
    idp: v1Issuer(ctx),
    oid: spOid,
    sub: spOid,
    tid: ctx.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
    ...o.claims,
  };
  return signJwt(keyFor(ctx, o.signWith, ctx.key), claims);
}

/** The id token Entra adds when the request's scope includes openid (MSAL always asks for it). */
export function mintIdToken(ctx: MintContext, user: IdpUser, clientId: string): string {
  const claims = {
    aud: clientId,
    iss: v2Issuer(ctx),
    ...times(ctx, 3600),
    ...userClaims(ctx, user, clientId),
    preferred_username: user.upn,
    ver: '2.0',
  };
  return signJwt(ctx.key, claims);
}

export function mintBotFrameworkToken(ctx: MintContext, o: BotFrameworkTokenOptions): string {
  const claims = {
    serviceurl: o.serviceUrl,
    ...times(ctx, o.expiresInSeconds ?? 3600),
    iss: BOT_FRAMEWORK_ISSUER,
    aud: o.appId,
    ...o.claims,
  };
  return signJwt(keyFor(ctx, o.signWith, ctx.botFrameworkKey), claims);
}

/** What a managed identity gets for api://AzureADTokenExchange: the client assertion of a federated credential. */
export function mintFederatedAssertion(ctx: MintContext, subject: string, o: CommonMintOptions = {}): string {
  const claims = {
    aud: TOKEN_EXCHANGE_AUDIENCE,
    iss: v2Issuer(ctx),
    ...times(ctx, o.expiresInSeconds ?? 3600),
    sub: subject,
    oid: subject,
    tid: ctx.tenantId,
    ver: '2.0',
    ...o.claims,
  };
  return signJwt(keyFor(ctx, o.signWith, ctx.key), claims);
}
