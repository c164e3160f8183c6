// Retry-After as Defender sends it: the Defender client's own parser (seconds or an HTTP date),
// with the wall clock as the default, so the limiter and the client never read it differently.
import { parseRetryAfter } from '../defender/parse';

/** Seconds to wait, or undefined when the header is absent or unreadable. `nowMs`: wall-clock time for HTTP dates. */
export function retryAfterSeconds(header: string | null, nowMs: number = Date.now()): number | undefined {
  return parseRetryAfter(header, nowMs);
}
