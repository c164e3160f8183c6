// Retry-After as Defender sends it: whole seconds, or (per RFC 9110) an HTTP date.

/** Seconds to wait, or undefined when the header is absent or unreadable. `nowMs`: wall-clock time for HTTP dates. */
export function retryAfterSeconds(header: string | null, nowMs: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  // Date.parse also takes bare numbers and ISO fragments; an HTTP date always names a weekday or month.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}
