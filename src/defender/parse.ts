// Tolerant parsing of Defender API JSON into the normalised model. The wire format drifts between
// doc versions and tenants (osVersion/version, numeric or string rbacGroupId, nulls, new fields),
// so an optional field that is missing, null or of the wrong type is simply left out; only what
// the bot cannot work without (an entity's id, a collection's `value` array) is a hard failure.
// Pure: no I/O, no exceptions — the client turns failures into DefenderError with request context.
import type { IpAddress, LogonUser, Machine } from './model';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface Page<T> {
  items: T[];
  /**
   * Entries dropped because they lacked a string `id` (or, for logon users, any usable name). A
   * list that still answers with the rest is more use to an analyst than an error; the count lets
   * callers and tests see that something was dropped.
   */
  skipped: number;
  /** `@odata.nextLink`, untouched; whether it may be followed is the client's decision. */
  nextLink?: string | undefined;
}

/** The API's error envelope `{ error: { code, message, target } }`; `target` is the correlation id. */
export interface ApiErrorBody {
  code?: string | undefined;
  message?: string | undefined;
  target?: string | undefined;
}

type Json = Record<string, unknown>;

/** JSON text to a value; empty or whitespace-only text is a failure (the API always sends a body on success). */
export function parseJsonText(text: string): ParseResult<unknown> {
  if (text.trim() === '') return { ok: false, reason: 'empty body' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
}

export function parseMachine(raw: unknown): Machine | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw, 'id');
  if (id === undefined) return undefined;
  return withoutUndefined<Machine>({
    id,
    computerDnsName: str(raw, 'computerDnsName'),
    firstSeen: str(raw, 'firstSeen'),
    lastSeen: str(raw, 'lastSeen'),
    osPlatform: str(raw, 'osPlatform'),
    // Newer docs and responses say `version`; prefer it when both are present.
    osVersion: str(raw, 'version') ?? str(raw, 'osVersion'),
    osProcessor: str(raw, 'osProcessor'),
    osBuild: num(raw, 'osBuild'),
    osArchitecture: str(raw, 'osArchitecture'),
    lastIpAddress: str(raw, 'lastIpAddress'),
    lastExternalIpAddress: str(raw, 'lastExternalIpAddress'),
    agentVersion: str(raw, 'agentVersion'),
    healthStatus: str(raw, 'healthStatus'),
    onboardingStatus: str(raw, 'onboardingStatus'),
    rbacGroupId: str(raw, 'rbacGroupId') ?? num(raw, 'rbacGroupId')?.toString(),
    rbacGroupName: str(raw, 'rbacGroupName'),
    riskScore: str(raw, 'riskScore'),
    exposureLevel: str(raw, 'exposureLevel'),
    deviceValue: str(raw, 'deviceValue'),
    aadDeviceId: str(raw, 'aadDeviceId'),
    isAadJoined: bool(raw, 'isAadJoined'),
    machineTags: strings(raw['machineTags']),
    ipAddresses: ipAddresses(raw['ipAddresses']),
    defenderAvStatus: str(raw, 'defenderAvStatus'),
    managedBy: str(raw, 'managedBy'),
    isPotentialDuplication: bool(raw, 'isPotentialDuplication'),
    mergedIntoMachineId: str(raw, 'mergedIntoMachineId'),
  });
}

export function parseLogonUser(raw: unknown): LogonUser | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw, 'id');
  if (id === undefined) return undefined;
  // The id is `domain\name`; when accountName is missing or empty, the part after the last `\` is the name.
  const accountName = str(raw, 'accountName') || id.slice(id.lastIndexOf('\\') + 1);
  if (accountName === '') return undefined;
  return withoutUndefined<LogonUser>({
    id,
    accountName,
    accountDomain: str(raw, 'accountDomain'),
    accountSid: str(raw, 'accountSid'),
    firstSeen: str(raw, 'firstSeen'),
    lastSeen: str(raw, 'lastSeen'),
    mostPrevalentMachineId: str(raw, 'mostPrevalentMachineId'),
    leastPrevalentMachineId: str(raw, 'leastPrevalentMachineId'),
    logonTypes: logonTypes(raw['logonTypes']),
    // The examples spell it with a capital O; accept the spelling a fix would bring too.
    logOnMachinesCount: num(raw, 'logOnMachinesCount') ?? num(raw, 'logonMachinesCount'),
    isDomainAdmin: bool(raw, 'isDomainAdmin'),
    isOnlyNetworkUser: bool(raw, 'isOnlyNetworkUser'),
  });
}

/** A single machine body (GET /api/machines/{id}); without a string id it is unusable. */
export function parseMachineBody(body: unknown): ParseResult<Machine> {
  const machine = parseMachine(body);
  return machine === undefined ? { ok: false, reason: 'machine has no string "id"' } : { ok: true, value: machine };
}

export function parseMachinePage(body: unknown): ParseResult<Page<Machine>> {
  return parsePage(body, parseMachine);
}

export function parseLogonUserPage(body: unknown): ParseResult<Page<LogonUser>> {
  return parsePage(body, parseLogonUser);
}

/**
 * An OData collection `{ "@odata.context", value: [...], "@odata.nextLink"? }`. Entries without an
 * id are skipped — but if there were entries and none was usable, the shape has changed under us
 * and an empty answer ("no machines") would be a lie, so that is a failure.
 */
function parsePage<T>(body: unknown, parseItem: (raw: unknown) => T | undefined): ParseResult<Page<T>> {
  if (!isObject(body)) return { ok: false, reason: 'collection body is not an object' };
  const value = body['value'];
  if (!Array.isArray(value)) return { ok: false, reason: 'collection has no "value" array' };
  const next = body['@odata.nextLink'];
  if (next !== undefined && next !== null && typeof next !== 'string') {
    // Ignoring it would silently truncate the answer.
    return { ok: false, reason: '"@odata.nextLink" is not a string' };
  }
  const items: T[] = [];
  for (const raw of value) {
    const item = parseItem(raw);
    if (item !== undefined) items.push(item);
  }
  const skipped = value.length - items.length;
  if (value.length > 0 && items.length === 0) {
    return { ok: false, reason: `none of the ${value.length} entries has a usable id` };
  }
  const page: Page<T> = { items, skipped };
  if (typeof next === 'string' && next !== '') page.nextLink = next;
  return { ok: true, value: page };
}

/** The error envelope, when the body is one; anything else (HTML from a proxy, empty) is undefined. */
export function parseErrorBody(text: string): ApiErrorBody | undefined {
  const json = parseJsonText(text);
  if (!json.ok || !isObject(json.value)) return undefined;
  const error = json.value['error'];
  if (!isObject(error)) return undefined;
  return withoutUndefined<ApiErrorBody>({
    code: str(error, 'code'),
    message: str(error, 'message'),
    target: str(error, 'target'),
  });
}

/**
 * `Retry-After` as whole seconds from `nowMs`: either delta-seconds or an HTTP date (RFC 9110).
 * A date in the past is 0; anything unreadable is undefined.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  // Date.parse also takes bare numbers and ISO fragments; an HTTP date always names a weekday or month.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function logonTypes(raw: unknown): string[] {
  if (typeof raw === 'string') return splitTrimmed(raw);
  if (Array.isArray(raw)) return raw.flatMap((t) => (typeof t === 'string' ? splitTrimmed(t) : []));
  return [];
}

function splitTrimmed(s: string): string[] {
  return s
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

function ipAddresses(raw: unknown): IpAddress[] {
  if (!Array.isArray(raw)) return [];
  const out: IpAddress[] = [];
  for (const entry of raw) {
    if (!isObject(entry)) continue;
    const ipAddress = str(entry, 'ipAddress');
    if (ipAddress === undefined) continue;
    out.push(
      withoutUndefined<IpAddress>({
        ipAddress,
        macAddress: str(entry, 'macAddress'),
        type: str(entry, 'type'),
        operationalStatus: str(entry, 'operationalStatus'),
      }),
    );
  }
  return out;
}

function strings(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((t): t is string => typeof t === 'string') : [];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Json, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

function num(o: Json, key: string): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function bool(o: Json, key: string): boolean | undefined {
  const v = o[key];
  return typeof v === 'boolean' ? v : undefined;
}

// The model promises "missing is absent", so a parsed entity has no keys holding undefined; this
// also keeps deep equality in tests and JSON logs free of noise. A copy of the defined keys rather
// than `delete` on the original: a deleted key turns an object into a slow dictionary for every later
// read (the view models, the cache's freeze), and the copy is cheaper than the deletes.
function withoutUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const key in o) {
    const value = o[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

// Shared with ./alert-parse.ts, which reads the Alert entity with the same rules.
export { isObject, num, parsePage, str, strings, withoutUndefined };
export type { Json };
