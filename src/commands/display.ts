// User input is echoed back in cards ("I didn't understand …", "'x' is not a valid user name").
// Whatever was sent, the echo must be short and must not smuggle invisible or control characters
// into the reply, so every echo goes through here.

/** Longest echo of a rejected argument: enough to recognise it, too short to flood a card. */
export const MAX_ECHOED_ARGUMENT = 60;
/** Longest echo of a whole message we did not understand. */
export const MAX_ECHOED_TEXT = 100;

// Control (Cc), format (Cf: bidi overrides, zero-width joiners) and lone surrogates (Cs). None belongs
// in a user name, host name or echoed text; lone surrogates would also make encodeURIComponent throw.
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const CONTROL_ALL = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

export function hasControlCharacters(s: string): boolean {
  return CONTROL.test(s);
}

/** `s` without control characters, whitespace collapsed, cut to `max` characters with an ellipsis. */
export function forDisplay(s: string, max: number): string {
  const clean = s.replace(CONTROL_ALL, '').replace(/\s+/g, ' ').trim();
  return truncate(clean, max);
}

// Measured in UTF-16 units like any JS length, but cut between code points, never inside a surrogate pair.
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let kept = '';
  for (const point of s) {
    if (kept.length + point.length > max - 1) break;
    kept += point;
  }
  return `${kept}…`;
}
