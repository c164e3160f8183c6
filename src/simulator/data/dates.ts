// Date helpers for the generator: every date is the anchor (the clock at start) minus an offset.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `2024-01-01T00:00:00Z`: whole seconds, as some API examples show. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2018-08-02T14:55:03.7791856Z`: .NET ticks precision, as other API examples show. */
export function isoTicks(ms: number, extraDigits: number): string {
  const tail = String(Math.abs(Math.trunc(extraDigits)) % 10_000).padStart(4, '0');
  return new Date(ms).toISOString().replace(/Z$/, `${tail}Z`);
}
