// The one error type of the on-behalf-of path. It carries what an admin needs (AADSTS code,
// Entra's correlation id, a message naming the fix) and what the analyst should be told, and never
// a token: `cause` is a scrubbed summary, not the SDK's error object (which can hold the request).
import { BotError } from '../errors';

export const TOKEN_ERROR_CODES = [
  'consentRequired', // AADSTS65001: nobody granted the bot the Defender permissions
  'invalidAssertion', // AADSTS50013 & co: the SSO token is not for this app, or its signature is wrong
  'assertionExpired', // AADSTS500133 & co: the SSO token (or the session behind it) expired: sign in again
  'interactionRequired', // MFA / Conditional Access wants the user in front of a sign-in page
  'identityUnavailable', // Entra could not be reached, timed out or answered 5xx
  'misconfigured', // wrong secret/certificate/app id/tenant/resource: the admin must fix configuration
] as const;

export type TokenErrorCode = (typeof TOKEN_ERROR_CODES)[number];

/** A token-free description of the failure that caused a TokenError. */
export interface IdentityErrorSummary {
  name: string;
  /** The OAuth `error` (invalid_grant, invalid_client, …) when known. */
  oauthError?: string;
  aadstsCode?: number;
  httpStatus?: number;
  correlationId?: string;
  traceId?: string;
  /** The SDK's message, scrubbed of anything token-shaped and shortened. */
  message: string;
}

export interface TokenErrorDetails {
  /** Shown to the analyst; no AADSTS jargon. */
  userReason: string;
  cause?: IdentityErrorSummary;
}

/** `correlationId` is Entra's: quote it to Microsoft support (Entra sign-in logs are searchable by it). */
export class TokenError extends BotError<TokenErrorCode> {
  readonly userReason: string;
  readonly aadstsCode?: number;

  constructor(code: TokenErrorCode, message: string, details: TokenErrorDetails) {
    const correlationId = details.cause?.correlationId;
    super(code, message, { cause: details.cause, ...(correlationId === undefined ? {} : { correlationId }) });
    this.userReason = details.userReason;
    if (details.cause?.aadstsCode !== undefined) this.aadstsCode = details.cause.aadstsCode;
  }
}

export function isTokenError(e: unknown): e is TokenError {
  return e instanceof TokenError;
}
