// GET /api/machines/findbyip(ip='1.2.3.4',timestamp=2026-01-01T00:00:00Z): argument parsing and
// the match. Without IP history, a machine "had" an IP if it is its last or one of its current
// addresses and it was seen within the last 30 days.
import { isIP } from 'node:net';
import { DAY } from './data/dates';
import type { WireMachine } from './data/types';
import { SimHttpError } from './http';
import { parseODataDateTime } from './odata-filter';

export const FINDBYIP_LOOKBACK_MS = 30 * DAY;

export interface FindByIpArgs {
  ip: string;
  timestamp: number;
}

function invalid(message: string): SimHttpError {
  return new SimHttpError(400, 'InvalidInput', message);
}

/** `segment` is the decoded path segment `findbyip(...)`. */
export function parseFindByIp(segment: string, now: number): FindByIpArgs {
  const m = /^findbyip\((.*)\)$/is.exec(segment);
  if (!m) throw invalid("Expected findbyip(ip='<address>',timestamp=<date-time>).");
  const args = parseArgs(m[1] ?? '');
  const ip = args.get('ip');
  const ts = args.get('timestamp');
  if (ip === undefined || ts === undefined) throw invalid('Both ip and timestamp are required.');
  for (const key of args.keys()) if (key !== 'ip' && key !== 'timestamp') throw invalid(`Unknown parameter '${key}'.`);
  if (isIP(ip) === 0) throw invalid(`'${ip}' is not a valid IP address.`);
  const timestamp = parseODataDateTime(ts);
  if (Number.isNaN(timestamp) || !/T/.test(ts)) throw invalid(`'${ts}' is not a valid timestamp.`);
  if (timestamp < now - FINDBYIP_LOOKBACK_MS) throw invalid('The timestamp must be within the last 30 days.');
  return { ip, timestamp };
}

/** key=value pairs, values either '...' (with '' escaping) or bare up to the next comma. */
function parseArgs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw invalid(`Malformed parameters '${text}'.`);
    const key = text.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (text.charAt(i) === ' ') i++;
    let value = '';
    if (text.charAt(i) === "'") {
      i++;
      for (;;) {
        if (i >= text.length) throw invalid(`Unterminated string in '${text}'.`);
        const c = text.charAt(i);
        if (c === "'" && text.charAt(i + 1) === "'") {
          value += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      while (text.charAt(i) === ' ') i++;
      if (i < text.length && text.charAt(i) !== ',') throw invalid(`Malformed parameters '${text}'.`);
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      value = text.slice(i, end).trim();
      i = end;
    }
    if (key === '' || out.has(key)) throw invalid(`Malformed parameters '${text}'.`);
    out.set(key, value);
    if (text.charAt(i) === ',') i++;
  }
  return out;
}

export function hadIp(m: WireMachine, ip: string, now: number): boolean {
  const seen = typeof m.lastSeen === 'string' ? parseODataDateTime(m.lastSeen) : NaN;
  if (Number.isNaN(seen) || seen < now - FINDBYIP_LOOKBACK_MS) return false;
  const wanted = normaliseIp(ip);
  if (typeof m.lastIpAddress === 'string' && normaliseIp(m.lastIpAddress) === wanted) return true;
  return (m.ipAddresses ?? []).some((a) => normaliseIp(a.ipAddress) === wanted);
}

function normaliseIp(ip: string): string {
  return ip.trim().toLowerCase();
}
