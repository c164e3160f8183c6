// The bot's one error family. Every failure a caller must tell apart is a BotError whose `code` comes
// from one vocabulary, so a code means the same thing wherever it is thrown; the subclass says which
// service failed (Defender, Entra, the Bot Framework connector, configuration, the card renderer).
// No BotError carries a token: messages and causes are built from scrubbed values.

export const ERROR_CODES = [
  // A remote service answered, or did not (Defender API, Bot Framework connector, Entra for the bot's own token).
  'badRequest', // it refused what we sent (400 and other 4xx without a code of their own)
  'unauthorized', // 401: our token was refused
  'forbidden', // 403: a permission or role is missing
  'notFound', // 404
  'throttled', // 429, see retryAfterSeconds
  'personalShareUsed', // not sent: the asker used their share of the bot's Defender budget; see retryAfterSeconds
  'serverError', // 5xx
  'unreachable', // no connection (refused, DNS, TLS), or the circuit breaker fails fast
  'connectionLost', // the connection broke after the request went out: it may have arrived
  'timeout', // no answer in time
  'invalidResponse', // an answer we could not read
  'tooManyPages', // a paged answer longer than we follow
  // Signing in (on-behalf-of for the analyst, client credentials for the bot).
  'consentRequired', // AADSTS65001: nobody granted the bot the Defender permissions
  'invalidAssertion', // AADSTS50013 & co: the SSO token is not for this app, or its signature is wrong
  'assertionExpired', // AADSTS500133 & co: the SSO token (or the session behind it) expired: sign in again
  'interactionRequired', // MFA / Conditional Access wants the user in front of a sign-in page
  'identityUnavailable', // Entra could not be reached, timed out, answered 5xx or gave no token
  'misconfigured', // wrong secret/certificate/app id/tenant/resource: the admin must fix configuration
  // Start-up and rendering.
  'configInvalid', // the environment does not make a valid configuration
  'cardTooLarge', // a rendered card over the size Teams accepts
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BotErrorDetails {
  cause?: unknown | undefined;
  /** The id a remote service gave the failure: quote it to Microsoft support. */
  correlationId?: string | undefined;
  /** How long the service asked us to wait before trying again. */
  retryAfterSeconds?: number | undefined;
}

export class BotError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly correlationId?: string | undefined;
  readonly retryAfterSeconds?: number | undefined;

  constructor(code: C, message: string, details: BotErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    if (details.correlationId !== undefined) this.correlationId = details.correlationId;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function isBotError(e: unknown): e is BotError {
  return e instanceof BotError;
}

/** The bot's own credential (its app token, its managed-identity client assertion) could not be had. */
export class CredentialError extends BotError<'misconfigured' | 'identityUnavailable'> {}

/** A service that takes no abort signal did not answer in time (see shared/timeout.ts). */
export class TimeoutError extends BotError<'timeout'> {
  constructor(message: string) {
    super('timeout', message);
  }
}
