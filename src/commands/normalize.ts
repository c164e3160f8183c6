// Validation and normalisation of command arguments, shared by typed text (./parse.ts) and card
// buttons (./actions.ts) so that a forged button cannot get past a check a typed message would fail.
// What passes here ends up in Defender API paths and filters, so the rules are allow-lists.
import { isIP } from 'node:net';
import { hasControlCharacters } from './display';
import type { MachineRef } from './types';
import { isDeviceId } from '../shared/ids';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * A user name's longest accepted length. sAMAccountName allows 20, but people type the UPN prefix,
 * whose local part RFC 5321 caps at 64; anything longer is not an account name.
 */
export const MAX_USER_NAME = 64;
/** RFC 1123 / RFC 1035: a whole host name is at most 253 characters, one label at most 63. */
export const MAX_HOST_NAME = 253;
const MAX_LABEL = 63;
/** Ids from card buttons; real Defender ids are 40 hex characters, simulator ids are shorter. */
export const MAX_DEVICE_ID = 100;
export const MAX_LABEL_TEXT = 253;
export const MAX_PAGE = 1000;

const QUOTES = /['"`´‘’‚‛“”„‟]/;
const PATH_SEPARATOR = /[\\/]/;
const WHITESPACE = /\s/;
const USER_NAME_CHARS = /^[\p{L}\p{M}\p{Nd}._$-]+$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const DOMAIN_CHARS = /^[\p{L}\p{M}\p{Nd}._-]+$/u;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

function fail<T>(reason: string): Checked<T> {
  return { ok: false, reason };
}

// Checks every argument kind shares, in the order that gives the most useful reason for hostile input.
function commonProblem(s: string, what: string): string | undefined {
  if (hasControlCharacters(s)) return `${what} cannot contain control characters`;
  if (QUOTES.test(s)) return `${what} cannot contain quotes`;
  if (s.includes('%')) return `${what} cannot contain % (encoded characters such as %2f are not allowed)`;
  return undefined;
}

/**
 * `user1`, `User1@contoso.com`, `CONTOSO\user1` and `contoso\\user1` all become `user1`.
 * Lowercased: Defender matches account names case-insensitively, and one spelling per account keeps
 * cache keys, logs and "no machines for user1" replies consistent.
 */
export function normalizeUserName(raw: string): Checked<string> {
  const s = raw.normalize('NFKC');
  if (s === '') return fail('the user name is empty');
  const common = commonProblem(s, 'a user name');
  if (common) return fail(common);
  if (WHITESPACE.test(s)) return fail('a user name cannot contain spaces');

  let name = s;
  const slash = s.indexOf('\\');
  if (slash >= 0) {
    const domain = s.slice(0, slash);
    // Some clients double the backslash when the user types DOMAIN\user.
    name = s.slice(s.startsWith('\\\\', slash) ? slash + 2 : slash + 1);
    if (domain === '' || PATH_SEPARATOR.test(domain) || PATH_SEPARATOR.test(name)) {
      return fail('a user name cannot contain a path separator (/ or \\) other than one DOMAIN\\ prefix');
    }
    if (s.includes('..')) return fail('a user name cannot contain ".."');
    if (!DOMAIN_CHARS.test(domain)) {
      return fail('the domain before \\ can only contain letters, digits, dots, hyphens and underscores');
    }
  } else if (s.includes('/')) {
    return fail('a user name cannot contain a path separator (/ or \\)');
  }
  if (s.includes('..')) return fail('a user name cannot contain ".."');

  const at = name.indexOf('@');
  if (at >= 0) {
    if (name.indexOf('@', at + 1) >= 0) return fail('a user name can contain only one @');
    const domain = name.slice(at + 1);
    name = name.slice(0, at);
    if (name === '') return fail('the user name before @ is empty');
    if (!checkHostName(domain.toLowerCase()).ok) return fail('the domain after @ is not a valid domain name');
  }

  name = name.toLowerCase();
  if (!USER_NAME_CHARS.test(name)) {
    return fail('a user name can only contain letters, digits, dots, hyphens, underscores and $');
  }
  if (!LETTER_OR_DIGIT.test(name)) return fail('a user name needs at least one letter or digit');
  if ([...name].length > MAX_USER_NAME) return fail(`a user name can be at most ${MAX_USER_NAME} characters`);
  return { ok: true, value: name };
}

/** A typed machine: a 40-hex device id, an IPv4/IPv6 address, or an RFC 1123 host name / FQDN. */
export function parseMachine(raw: string): Checked<MachineRef> {
  const s = raw.normalize('NFKC').toLowerCase();
  if (s === '') return fail('the machine name is empty');
  const common = commonProblem(s, 'a machine name');
  if (common) return fail(common);
  if (PATH_SEPARATOR.test(s)) return fail('a machine name cannot contain a path separator (/ or \\)');
  if (WHITESPACE.test(s)) return fail('a machine name cannot contain spaces');
  if (s.length > MAX_HOST_NAME + 1) return fail(`a machine name can be at most ${MAX_HOST_NAME} characters`);

  if (isDeviceId(s)) return { ok: true, value: { kind: 'deviceId', id: s } };

  const bracketed = /^\[(.*)\]$/.exec(s);
  if (bracketed) return checkIp(bracketed[1] ?? '', 6);
  // Digits and dots only would otherwise pass as a host name (RFC 1123 allows numeric labels):
  // 10.0.0.256 is a mistyped address, not a machine called that.
  if (/^[0-9.]+$/.test(s)) return checkIp(s, 4);
  if (s.includes(':')) {
    return /^[0-9a-f:.]+$/.test(s) ? checkIp(s, 6) : fail('a host name can only contain letters, digits, hyphens and dots');
  }
  const host = checkHostName(s.endsWith('.') ? s.slice(0, -1) : s);
  return host.ok ? { ok: true, value: { kind: 'hostName', host: host.value } } : host;
}

// node:net's isIP rejects leading zeros in IPv4 ("010.0.0.1"), which some tools read as octal.
function checkIp(s: string, family: 4 | 6): Checked<MachineRef> {
  return isIP(s) === family ? { ok: true, value: { kind: 'ip', ip: s, family } } : fail('that IP address is not valid');
}

/** `s` must already be lowercased, without a trailing dot. */
function checkHostName(s: string): Checked<string> {
  if (s === '') return fail('the host name is empty');
  if (s.length > MAX_HOST_NAME) return fail(`a host name can be at most ${MAX_HOST_NAME} characters`);
  if (s.includes('..')) return fail('a host name cannot contain ".."');
  if (s.startsWith('.')) return fail('a host name cannot start with a dot');
  if (!/^[a-z0-9.-]+$/.test(s)) return fail('a host name can only contain letters, digits, hyphens and dots');
  for (const label of s.split('.')) {
    if (label.length > MAX_LABEL) return fail(`each part of a host name (between dots) can be at most ${MAX_LABEL} characters`);
    if (!HOST_LABEL.test(label)) return fail('a part of a host name cannot start or end with a hyphen');
  }
  return { ok: true, value: s };
}

/**
 * A device id from a card button. Real ids are 40 hex characters (lowercased); ids in API examples
 * and the simulator look like `machine-1`, kept as sent because they are opaque.
 */
export function checkDeviceId(raw: string): Checked<string> {
  if (raw.length > MAX_DEVICE_ID) return fail(`a device id can be at most ${MAX_DEVICE_ID} characters`);
  if (isDeviceId(raw)) return { ok: true, value: raw.toLowerCase() };
  if (SAFE_ID.test(raw) && !raw.includes('..')) return { ok: true, value: raw };
  return fail('that is not a valid device id');
}

/** Display-only text riding along on a button; anything doubtful is dropped rather than rejected. */
export function acceptableLabel(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LABEL_TEXT) return undefined;
  return hasControlCharacters(value) ? undefined : value;
}

export const PAGE_RULE = `the page must be a whole number from 1 to ${MAX_PAGE}`;

export function isValidPage(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_PAGE;
}
