// Request building for the Defender for Endpoint API: pure, no I/O. Every value that comes from a
// person (user names, machine ids, host names, IPs) goes through here, so this is where it must be
// impossible for input to change which endpoint is called or what a $filter means.
import { normalizeAlertId } from './alert-id';
import { DefenderError } from './errors';

export interface ApiRequest {
  method: 'GET';
  /** Path and query relative to the API base URL; always starts with `/api/`. */
  path: string;
}

// A host name can match several records (re-imaged devices, isPotentialDuplication), so an exact
// match asks for more than one; a prefix is what someone typed half of, and a chat card cannot show
// thousands anyway. Both far below the API's own $top ceiling of 10,000.
const HOST_EQ_TOP = 100;
/** Records a prefix search asks for: an answer this long may have been cut short, a shorter one is complete. */
export const HOST_PREFIX_TOP = 100;

/** An OData string literal: single-quoted, an embedded `'` doubled. Not URL-encoded; callers encode the whole expression. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** GET /api/users/{name}/machines. `name` is the bare user name (the command parser strips UPN and DOMAIN\ forms). */
export function userMachines(name: string): ApiRequest {
  return get(`/api/users/${segment(name, 'user name')}/machines`);
}

/** GET /api/machines/{id}; the API accepts a device id or a computer name here. */
export function machine(id: string): ApiRequest {
  return get(`/api/machines/${segment(id, 'machine id')}`);
}

export function logonUsers(id: string): ApiRequest {
  return get(`/api/machines/${segment(id, 'machine id')}/logonusers`);
}

// Defender stores computer names lowercased; lowering ours makes `eq` match whatever the server's
// collation is.
export function machinesByHostEq(host: string): ApiRequest {
  return machinesFilter(`computerDnsName eq ${odataString(host.toLowerCase())}`, HOST_EQ_TOP);
}

export function machinesByHostPrefix(host: string): ApiRequest {
  return machinesFilter(`startswith(computerDnsName,${odataString(host.toLowerCase())})`, HOST_PREFIX_TOP);
}

/**
 * GET /api/machines/findbyip(ip='…',timestamp=…). The API looks 15 minutes either side of `at` and
 * refuses (400) a timestamp older than 30 days. No $top: the docs give none for this function.
 */
export function machinesByIp(ip: string, at: Date): ApiRequest {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) {
    throw new DefenderError('badRequest', 'the time to look an IP address up at is not a valid date');
  }
  // The docs show the timestamp without milliseconds; it is ours, not user input, so it is not encoded.
  const timestamp = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return get(`/api/machines/findbyip(ip=${encode(odataString(ip), 'IP address')},timestamp=${timestamp})`);
}

function machinesFilter(filter: string, top: number): ApiRequest {
  return get(`/api/machines?$filter=${encode(filter, 'host name')}&$top=${top}`);
}

function get(path: string): ApiRequest {
  return { method: 'GET', path };
}

/**
 * One path segment. Percent-encoding is not enough for dot segments: WHATWG URL parsing (which
 * fetch uses) resolves `..`, `.%2e` and `%2e%2e` alike, so `/api/users/../machines` would become
 * `/api/machines`. Such values, and the empty one, cannot name a user or a machine: refuse them.
 */
function segment(value: string, what: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new DefenderError('badRequest', `"${value}" cannot be sent as a ${what}`);
  }
  return encode(value, what);
}

// encodeURIComponent throws on a lone UTF-16 surrogate; that must surface as DefenderError like
// every other failure of the client.
function encode(value: string, what: string): string {
  try {
    return encodeURIComponent(value);
  } catch (e) {
    throw new DefenderError('badRequest', `the ${what} contains characters that cannot be sent`, { cause: e });
  }
}

// ---- Alerts (Alert.Read) ----

/** GET /api/machines/{id}/alerts; a device id or computer name, like machine(). 404: no such machine visible to the caller. */
export function machineAlerts(id: string): ApiRequest {
  return get(`/api/machines/${segment(id, 'machine id')}/alerts`);
}

/** GET /api/users/{name}/alerts; the bare user name, like userMachines(). An unknown user is 200 with an empty value. */
export function userAlerts(name: string): ApiRequest {
  return get(`/api/users/${segment(name, 'user name')}/alerts`);
}

/** GET /api/alerts/{id}. Anything that is not an alert id (see ./alert-id.ts) is refused here, before any call. */
export function alert(id: string): ApiRequest {
  const normalized = normalizeAlertId(id);
  if (normalized === undefined) {
    throw new DefenderError('badRequest', `"${printable(id)}" is not a Defender alert id`);
  }
  return get(`/api/alerts/${encode(normalized, 'alert id')}`);
}

/** Enough of a refused value to recognise it in a message, without control characters or an essay. */
function printable(value: string): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const chars = Array.from(flat);
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : flat;
}
