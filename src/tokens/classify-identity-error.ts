// Turns a failed on-behalf-of exchange into a TokenError whose code says who can fix it (the
// analyst by signing in again, an admin by consenting or fixing configuration, nobody right now),
// with a message that names the fix. AADSTS codes: learn.microsoft.com/entra/identity-platform/reference-error-codes
import { TokenError, type IdentityErrorSummary, type TokenErrorCode } from './token-error';
import { summarizeIdentityError } from './identity-error-info';

export interface ExchangeContext {
  clientId: string;
  tenantId: string;
  /** The Defender audience asked for. */
  audience: string;
  /** Delegated permissions the bot needs, named in the consent message. */
  permissions: readonly string[];
  authorityHost: string;
}

const CONSENT = new Set([65001, 65004, 65005]);
const EXPIRED = new Set([500133, 50132, 50133, 50173, 70043, 700082, 700084]);
const INTERACTION = new Set([50072, 50074, 50076, 50079, 50158]);
const INVALID_ASSERTION = new Set([50013, 50027]);
const UNAVAILABLE = new Set([90033, 50001 /* resource disabled */, 90006]);
const NETWORK =
  /network_error|endpoints_resolution_error|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|socket hang up|certificate|self[- ]signed|aborted|timed? ?out/i;

export function classifyIdentityError(e: unknown, ctx: ExchangeContext): TokenError {
  const cause = summarizeIdentityError(e);
  const code = codeFor(cause);
  return new TokenError(code, adminMessage(code, cause, ctx), { userReason: userReason(code, ctx), cause });
}

/** A TokenError the provider raises itself (no SDK error behind it), with the standard user reason. */
export function tokenError(code: TokenErrorCode, message: string, ctx: ExchangeContext, cause?: IdentityErrorSummary): TokenError {
  return new TokenError(code, message, { userReason: userReason(code, ctx), ...(cause === undefined ? {} : { cause }) });
}

function codeFor(c: IdentityErrorSummary): TokenErrorCode {
  const n = c.aadstsCode;
  if (n !== undefined) {
    if (CONSENT.has(n)) return 'consentRequired';
    if (EXPIRED.has(n)) return 'assertionExpired';
    if (INTERACTION.has(n)) return 'interactionRequired';
    if (INVALID_ASSERTION.has(n)) return 'invalidAssertion';
    if (UNAVAILABLE.has(n)) return 'identityUnavailable';
    return 'misconfigured';
  }
  if (/consent_required/.test(c.message)) return 'consentRequired';
  if (/interaction_required|login_required/.test(c.message)) return 'interactionRequired';
  if (c.oauthError === 'temporarily_unavailable' || (c.httpStatus !== undefined && c.httpStatus >= 500)) return 'identityUnavailable';
  if (c.name === 'CredentialUnavailableError' || c.name === 'AbortError' || NETWORK.test(c.message)) return 'identityUnavailable';
  if (
    c.oauthError !== undefined &&
    /^(invalid_client|unauthorized_client|invalid_resource|invalid_scope|unsupported_grant_type|invalid_request)$/.test(c.oauthError)
  )
    return 'misconfigured';
  // Unknown failures are treated as transient: retrying is harmless, blaming the config would mislead.
  return 'identityUnavailable';
}

function aadsts(c: IdentityErrorSummary): string {
  return c.aadstsCode === undefined ? '' : `AADSTS${c.aadstsCode}: `;
}

function ref(c: IdentityErrorSummary): string {
  return c.correlationId === undefined ? '' : ` (Entra correlation id ${c.correlationId})`;
}

function adminMessage(code: TokenErrorCode, c: IdentityErrorSummary, ctx: ExchangeContext): string {
  const perms = ctx.permissions.join(', ');
  switch (code) {
    case 'consentRequired':
      return `${aadsts(c)}the bot's app registration (client id ${ctx.clientId}) has no consent for the Defender API (WindowsDefenderATP, ${ctx.audience}) in tenant ${ctx.tenantId}. An Entra administrator must grant admin consent for the delegated permissions ${perms}: Entra admin center → App registrations → ${ctx.clientId} → API permissions → Add WindowsDefenderATP (APIs my organization uses) → Grant admin consent${ref(c)}.`;
    case 'invalidAssertion':
      return `${aadsts(c)}Entra refused the user's Teams SSO token as the on-behalf-of assertion (audience or signature). The app registration ${ctx.clientId} must expose the Application ID URI api://botid-${ctx.clientId} (or api://<domain>/botid-${ctx.clientId}) with the access_as_user scope, the Teams manifest's webApplicationInfo.resource must be that URI, and the OAuth connection must request it${ref(c)}.`;
    case 'assertionExpired':
      return `${aadsts(c)}the user's Teams SSO token (or the session behind it) has expired; the user has to sign in again${ref(c)}.`;
    case 'interactionRequired':
      return `${aadsts(c)}Entra requires the user to complete an interactive step (MFA or a Conditional Access policy) before issuing a Defender token on their behalf${ref(c)}.`;
    case 'identityUnavailable':
      return `${aadsts(c)}Microsoft Entra ID at ${ctx.authorityHost} could not be reached or did not answer (${c.name}${c.oauthError === undefined ? '' : `, ${c.oauthError}`})${ref(c)}. It is probably transient; if it persists, check outbound HTTPS from the bot to ${ctx.authorityHost}.`;
    case 'misconfigured':
      return `${aadsts(c)}the on-behalf-of exchange is misconfigured: ${misconfiguredHint(c, ctx)}${ref(c)}.`;
  }
}

function misconfiguredHint(c: IdentityErrorSummary, ctx: ExchangeContext): string {
  switch (c.aadstsCode) {
    case 7000215:
    case 7000222:
      return `the client secret of app ${ctx.clientId} is wrong or expired (use the secret's Value, not its ID; create a new one under Certificates & secrets)`;
    case 7000218:
      return `no client secret or certificate was sent for app ${ctx.clientId}`;
    case 700016:
      return `app ${ctx.clientId} was not found in tenant ${ctx.tenantId} (check the app id, the tenant id and the cloud)`;
    case 700027:
    case 700024:
      return `the certificate client assertion of app ${ctx.clientId} was refused (upload the certificate's public part to the app registration; check it has not expired)`;
    case 700213:
    case 70021:
      return `no federated identity credential of app ${ctx.clientId} matches the managed identity's assertion (check issuer, subject and audience api://AzureADTokenExchange)`;
    case 90002:
    case 900023:
      return `tenant ${ctx.tenantId} was not found in ${ctx.authorityHost} (check the tenant id and the cloud)`;
    case 500011:
      return `the Defender API (${ctx.audience}) is not known in tenant ${ctx.tenantId} (is Defender for Endpoint provisioned, and is the cloud right?)`;
    case 70011:
      return `the scope ${ctx.audience}/.default was refused`;
    default:
      return `Entra answered ${c.oauthError ?? c.name}`;
  }
}

function userReason(code: TokenErrorCode, ctx: ExchangeContext): string {
  const perms = ctx.permissions.join(' and ');
  switch (code) {
    case 'consentRequired':
      return `the bot isn't allowed to read Defender data for you yet. An Entra administrator of your organization must grant admin consent to the bot's app (${ctx.clientId}) for the Defender permissions ${perms}; then sign in again.`;
    case 'invalidAssertion':
      return 'your Teams sign-in could not be used for Defender because the bot’s sign-in setup is wrong. Please tell the bot’s admins.';
    case 'assertionExpired':
      return 'your sign-in has expired.';
    case 'interactionRequired':
      return 'your organization requires an extra sign-in step (such as multi-factor authentication) before the bot can reach Defender for you.';
    case 'identityUnavailable':
      return 'Microsoft sign-in (Entra ID) is not answering right now. Try again in a minute.';
    case 'misconfigured':
      return 'the bot’s connection to Microsoft sign-in is misconfigured. Please tell the bot’s admins.';
  }
}
