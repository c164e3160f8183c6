// Tolerant parsing of the Alert entity, with the rules of ./parse.ts: an optional field that is
// missing, null or of the wrong type is left out; only an alert without a string id is unusable.
// Drift handled here, from the docs and recorded responses: incidentId as a number or a string,
// mitreTechniques as an array or one comma-joined string, comments' `createdTime` (example) or
// `createTime` (property table), the classification's display spelling, enum case, extra fields.
import {
  ALERT_CLASSIFICATIONS,
  ALERT_DETERMINATIONS,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type Alert,
  type AlertComment,
  type AlertEvidence,
  type AlertLoggedOnUser,
  type AlertRelatedUser,
} from './alert-model';
import { isObject, num, parsePage, str, withoutUndefined, type Json, type Page, type ParseResult } from './parse';

export function parseAlert(raw: unknown): Alert | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw, 'id');
  if (id === undefined || id === '') return undefined;
  return withoutUndefined<Alert>({
    id,
    incidentId: longId(raw['incidentId']),
    investigationId: longId(raw['investigationId']),
    investigationState: text(raw, 'investigationState'),
    assignedTo: text(raw, 'assignedTo'),
    severity: openEnum(raw['severity'], ALERT_SEVERITIES),
    status: openEnum(raw['status'], ALERT_STATUSES),
    classification: openEnum(raw['classification'], ALERT_CLASSIFICATIONS),
    determination: openEnum(raw['determination'], ALERT_DETERMINATIONS),
    detectionSource: text(raw, 'detectionSource'),
    detectorId: text(raw, 'detectorId'),
    category: text(raw, 'category'),
    threatFamilyName: text(raw, 'threatFamilyName'),
    threatName: text(raw, 'threatName'),
    title: text(raw, 'title'),
    description: text(raw, 'description'),
    alertCreationTime: text(raw, 'alertCreationTime'),
    firstEventTime: text(raw, 'firstEventTime'),
    lastEventTime: text(raw, 'lastEventTime'),
    lastUpdateTime: text(raw, 'lastUpdateTime'),
    resolvedTime: text(raw, 'resolvedTime'),
    machineId: text(raw, 'machineId'),
    computerDnsName: text(raw, 'computerDnsName'),
    rbacGroupName: text(raw, 'rbacGroupName'),
    aadTenantId: text(raw, 'aadTenantId'),
    mitreTechniques: mitreTechniques(raw['mitreTechniques']),
    relatedUser: relatedUser(raw['relatedUser']),
    loggedOnUsers: objects(raw['loggedOnUsers'], loggedOnUser),
    comments: objects(raw['comments'], comment),
    evidence: objects(raw['evidence'], evidence),
  });
}

/** A single alert body (GET /api/alerts/{id}); without a string id it is unusable. */
export function parseAlertBody(body: unknown): ParseResult<Alert> {
  const alert = parseAlert(body);
  return alert === undefined ? { ok: false, reason: 'alert has no string "id"' } : { ok: true, value: alert };
}

export function parseAlertPage(body: unknown): ParseResult<Page<Alert>> {
  return parsePage(body, parseAlert);
}

/** A non-empty string; the API sends "" for some unset text fields, which is no value either. */
function text(o: Json, key: string): string | undefined {
  const v = str(o, key);
  return v === undefined || v.trim() === '' ? undefined : v;
}

/** A Long id (incidentId, investigationId) as its decimal string; a number in responses, a string if serialised defensively. */
function longId(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? String(v) : undefined;
  if (typeof v === 'string' && /^\d{1,19}$/.test(v.trim())) return v.trim();
  return undefined;
}

/** Letters and digits only, lower case: `In progress`, `inProgress` and `InProgress` are one value. */
function enumKey(s: string): string {
  return s.replace(/[^a-z0-9]/gi, '').toLowerCase();
}

/** A known value in its canonical spelling; an unknown one as sent (trimmed); nothing for null, "" or a non-string. */
function openEnum<T extends string>(v: unknown, known: readonly T[]): T | string | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const key = enumKey(v);
  return known.find((k) => enumKey(k) === key) ?? v.trim();
}

function mitreTechniques(v: unknown): string[] {
  const parts = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  const out: string[] = [];
  for (const part of parts) {
    const t = part.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

function relatedUser(v: unknown): AlertRelatedUser | undefined {
  if (!isObject(v)) return undefined;
  const userName = text(v, 'userName');
  if (userName === undefined) return undefined;
  return withoutUndefined<AlertRelatedUser>({ userName, domainName: text(v, 'domainName') });
}

function loggedOnUser(o: Json): AlertLoggedOnUser | undefined {
  const accountName = text(o, 'accountName');
  if (accountName === undefined) return undefined;
  return withoutUndefined<AlertLoggedOnUser>({ accountName, domainName: text(o, 'domainName') });
}

function comment(o: Json): AlertComment | undefined {
  const body = text(o, 'comment');
  if (body === undefined) return undefined;
  return withoutUndefined<AlertComment>({
    comment: body,
    createdBy: text(o, 'createdBy'),
    createdTime: text(o, 'createdTime') ?? text(o, 'createTime'),
  });
}

function evidence(o: Json): AlertEvidence | undefined {
  const entityType = text(o, 'entityType');
  if (entityType === undefined) return undefined;
  return withoutUndefined<AlertEvidence>({
    entityType,
    evidenceCreationTime: text(o, 'evidenceCreationTime'),
    sha1: text(o, 'sha1'),
    sha256: text(o, 'sha256'),
    fileName: text(o, 'fileName'),
    filePath: text(o, 'filePath'),
    processId: num(o, 'processId'),
    processCommandLine: text(o, 'processCommandLine'),
    processCreationTime: text(o, 'processCreationTime'),
    parentProcessId: num(o, 'parentProcessId'),
    parentProcessCreationTime: text(o, 'parentProcessCreationTime'),
    parentProcessFileName: text(o, 'parentProcessFileName'),
    parentProcessFilePath: text(o, 'parentProcessFilePath'),
    ipAddress: text(o, 'ipAddress'),
    url: text(o, 'url'),
    registryKey: text(o, 'registryKey'),
    registryHive: text(o, 'registryHive'),
    registryValueType: text(o, 'registryValueType'),
    registryValue: text(o, 'registryValue'),
    accountName: text(o, 'accountName'),
    domainName: text(o, 'domainName'),
    userSid: text(o, 'userSid'),
    aadUserId: text(o, 'aadUserId'),
    userPrincipalName: text(o, 'userPrincipalName'),
    detectionStatus: text(o, 'detectionStatus'),
  });
}

/** The entries of an array that are objects and parse; anything else (null, a string, a bad entry) is dropped. */
function objects<T>(v: unknown, parse: (o: Json) => T | undefined): T[] {
  if (!Array.isArray(v)) return [];
  const out: T[] = [];
  for (const entry of v) {
    if (!isObject(entry)) continue;
    const item = parse(entry);
    if (item !== undefined) out.push(item);
  }
  return out;
}
