// The single error type of the Defender client. It never carries the bearer token or request headers.
import { BotError, type BotErrorDetails } from '../errors';

export type DefenderErrorCode =
  | 'badRequest' // 400
  | 'unauthorized' // 401: token missing/expired/wrong audience
  | 'forbidden' // 403: app permission or the user's Defender role is missing
  | 'notFound' // 404
  | 'throttled' // 429, see retryAfterSeconds
  | 'personalShareUsed' // not sent: the asker used their share of the bot's Defender budget; see retryAfterSeconds
  | 'serverError' // 5xx
  | 'unreachable' // network error, connection reset, DNS, TLS
  | 'timeout' // no answer within the client's timeout
  | 'invalidResponse' // 2xx but the body is not JSON or not the expected shape
  | 'tooManyPages'; // @odata.nextLink chain longer than the configured bound

export interface DefenderErrorDetails extends BotErrorDetails {
  status?: number | undefined;
  /** `error.code` from the API's envelope, e.g. `ResourceNotFound`. */
  apiCode?: string | undefined;
  /** `error.target` from the API's envelope: the correlation id to quote to Microsoft support. */
  correlationId?: string | undefined;
  /** Which request failed, as `GET /api/...` without host or query secrets. */
  request?: string | undefined;
  /** `timeout`: how long the bot waited for an answer in all, over how many tries (stated on the card). */
  waited?: { seconds: number; tries: number } | undefined;
}

export class DefenderError extends BotError<DefenderErrorCode> {
  readonly status?: number | undefined;
  readonly apiCode?: string | undefined;
  readonly request?: string | undefined;
  readonly waited?: { seconds: number; tries: number } | undefined;

  constructor(code: DefenderErrorCode, message: string, details: DefenderErrorDetails = {}) {
    super(code, message, details);
    if (details.status !== undefined) this.status = details.status;
    if (details.apiCode !== undefined) this.apiCode = details.apiCode;
    if (details.request !== undefined) this.request = details.request;
    if (details.waited !== undefined) this.waited = details.waited;
  }
}

export function isDefenderError(e: unknown): e is DefenderError {
  return e instanceof DefenderError;
}
