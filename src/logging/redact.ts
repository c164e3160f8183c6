// Tokens must never reach a log line, whatever object a caller hands the logger. Scrubbing values
// (not just known key paths) also catches a token inside an error message or a nested cause.

const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
// Anything up to whitespace, a quote, a comma or a semicolon is the credential, even after a bracket.
const BEARER = /(Bearer)\s+[^\s"',;]+/gi;
const SECRET_KEYS =
  /^(authorization|token|access_?token|id_?token|refresh_?token|assertion|client_?secret|password|bot_?password|secret)$/i;

export const REDACTED = '[redacted]';
/** No free-text field of a log record is longer: one request must not be able to write a 250 KB line. */
export const MAX_LOGGED_STRING = 2000;
const MAX_LOGGED_STACK = 4000;

export function redactString(s: string): string {
  return s.replace(JWT, REDACTED).replace(BEARER, `$1 ${REDACTED}`);
}

/**
 * Redacts, then cuts to `max` characters. Never the other way round: a token cut in half no longer
 * looks like a token, and its first half would pass the redaction.
 */
export function redactAndClip(s: string, max: number = MAX_LOGGED_STRING): string {
  const clean = redactString(s);
  return clean.length <= max ? clean : `${clean.slice(0, max)}…[${clean.length - max} more characters]`;
}

/** Returns a copy with secret-named keys and token-shaped strings replaced. Handles cycles and Errors. */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactAndClip(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  const out: Record<string, unknown> = {};
  if (value instanceof Error) {
    out.name = value.name;
    out.message = redactAndClip(value.message);
    if (value.stack) out.stack = redactAndClip(value.stack, MAX_LOGGED_STACK);
    if (value.cause !== undefined) out.cause = redact(value.cause, seen);
  }
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.test(k) ? REDACTED : redact(v, seen);
  }
  return out;
}
