// Small, pure formatting helpers. Everything here returns plain text; escape at the call site.
import { isDeviceId } from '../shared/ids';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A Defender timestamp (ISO 8601) as a Date; undefined when missing or not a valid ISO date. */
export function parseIsoDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!ISO_DATE.test(text)) return undefined;
  // A date-time without a zone is UTC in Defender's API; Date would read it as local time.
  const zoned = /T|\s/.test(text) && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** "2026-11-23 09:12 UTC" */
export function absoluteUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "just now", "5 min ago", "3 h ago", "12 d ago"; "in 2 h" for a time ahead of `now` (clock skew). */
export function relativeTime(date: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  const ahead = seconds < 0;
  const s = Math.abs(seconds);
  if (s < 60) return 'just now';
  let amount: string;
  if (s < 3600) amount = `${Math.floor(s / 60)} min`;
  else if (s < 48 * 3600) amount = `${Math.floor(s / 3600)} h`;
  else amount = `${Math.floor(s / 86400)} d`;
  return ahead ? `in ${amount}` : `${amount} ago`;
}

/** "3 h ago (2026-11-23 09:12 UTC)", or undefined for a missing/invalid date. */
export function when(value: string | undefined, now: Date): string | undefined {
  const date = parseIsoDate(value);
  return date ? `${relativeTime(date, now)} (${absoluteUtc(date)})` : undefined;
}

/** "1 machine", "3 machines" */
export function count(n: number, singular: string, plural: string = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A 40-hex device id shortened for people: "1e5bc9d7…"; other ids are returned whole. */
export function shortId(id: string): string {
  return isDeviceId(id) ? `${id.slice(0, 8)}…` : id;
}

export function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'Yes' : 'No';
}

/** Join the defined, non-blank parts. */
export function joinDefined(parts: ReadonlyArray<string | undefined>, separator: string): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined && p.trim() !== '');
  return kept.length > 0 ? kept.join(separator) : undefined;
}
