// The Alert entity of GET /api/machines/{id}/alerts, /api/users/{name}/alerts and /api/alerts/{id},
// normalised like ./model.ts: a field the API omitted or sent as null is absent, never null.
// Enumerations are open: a value we know is spelled canonically (case-insensitive match), one we
// do not know yet is kept as sent, so a new severity or determination shows up instead of vanishing.

/** `(string & {})` keeps editor completion for the known values while accepting any string. */
type Open<T extends string> = T | (string & {});

export const ALERT_SEVERITIES = ['UnSpecified', 'Informational', 'Low', 'Medium', 'High'] as const;
export type KnownAlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertSeverity = Open<KnownAlertSeverity>;

export const ALERT_STATUSES = ['Unknown', 'New', 'InProgress', 'Resolved'] as const;
export type KnownAlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertStatus = Open<KnownAlertStatus>;

/** The API's names; the portal shows InformationalExpectedActivity as "Informational, expected activity". */
export const ALERT_CLASSIFICATIONS = ['TruePositive', 'InformationalExpectedActivity', 'FalsePositive'] as const;
export type KnownAlertClassification = (typeof ALERT_CLASSIFICATIONS)[number];
export type AlertClassification = Open<KnownAlertClassification>;

/** Documented determinations; Apt and SecurityPersonnel were retired in 2022 but old alerts may still carry them. */
export const ALERT_DETERMINATIONS = [
  'MultiStagedAttack',
  'MaliciousUserActivity',
  'CompromisedUser',
  'Malware',
  'Phishing',
  'UnwantedSoftware',
  'SecurityTesting',
  'LineOfBusinessApplication',
  'ConfirmedUserActivity',
  'Clean',
  'InsufficientData',
  'Other',
  'Apt',
  'SecurityPersonnel',
] as const;
export type KnownAlertDetermination = (typeof ALERT_DETERMINATIONS)[number];
export type AlertDetermination = Open<KnownAlertDetermination>;

/** `relatedUser`: the account the detection is about. The API names it `userName`, a bare account name. */
export interface AlertRelatedUser {
  userName: string;
  domainName?: string | undefined;
}

/** One entry of `loggedOnUsers`: who was signed in on the device when the alert was raised. */
export interface AlertLoggedOnUser {
  accountName: string;
  domainName?: string | undefined;
}

export interface AlertComment {
  comment: string;
  createdBy?: string | undefined;
  createdTime?: string | undefined;
}

/**
 * One entry of `evidence` (present on single alerts and with $expand=evidence; lists usually send
 * []). Which fields are set depends on `entityType` (User, Process, File, Ip, Url, Registry…).
 */
export interface AlertEvidence {
  entityType: string;
  evidenceCreationTime?: string | undefined;
  sha1?: string | undefined;
  sha256?: string | undefined;
  fileName?: string | undefined;
  filePath?: string | undefined;
  processId?: number | undefined;
  processCommandLine?: string | undefined;
  processCreationTime?: string | undefined;
  parentProcessId?: number | undefined;
  parentProcessCreationTime?: string | undefined;
  parentProcessFileName?: string | undefined;
  parentProcessFilePath?: string | undefined;
  ipAddress?: string | undefined;
  url?: string | undefined;
  registryKey?: string | undefined;
  registryHive?: string | undefined;
  registryValueType?: string | undefined;
  registryValue?: string | undefined;
  accountName?: string | undefined;
  domainName?: string | undefined;
  userSid?: string | undefined;
  aadUserId?: string | undefined;
  userPrincipalName?: string | undefined;
  detectionStatus?: string | undefined;
}

export interface Alert {
  /** e.g. `da637472900382838869_1364969609` or `da0c7e089d-5ff6-4e04-8000-17f4e35fa783_1`; see ./alert-id.ts. */
  id: string;
  /** A Long on the wire; kept as its decimal string (like rbacGroupId) so no precision or formatting question arises. */
  incidentId?: string | undefined;
  investigationId?: string | undefined;
  investigationState?: string | undefined;
  assignedTo?: string | undefined;
  severity?: AlertSeverity | undefined;
  status?: AlertStatus | undefined;
  classification?: AlertClassification | undefined;
  determination?: AlertDetermination | undefined;
  detectionSource?: string | undefined;
  detectorId?: string | undefined;
  category?: string | undefined;
  threatFamilyName?: string | undefined;
  threatName?: string | undefined;
  /** Free text written by detections and people: hostile until escaped. */
  title?: string | undefined;
  /** Free text written by detections and people: hostile until escaped. */
  description?: string | undefined;
  alertCreationTime?: string | undefined;
  firstEventTime?: string | undefined;
  lastEventTime?: string | undefined;
  lastUpdateTime?: string | undefined;
  resolvedTime?: string | undefined;
  machineId?: string | undefined;
  computerDnsName?: string | undefined | undefined;
  rbacGroupName?: string | undefined;
  aadTenantId?: string | undefined;
  /** MITRE ATT&CK technique ids (`T1055.001`); the docs' table says String, the examples an array: both read. */
  mitreTechniques: string[];
  relatedUser?: AlertRelatedUser | undefined;
  loggedOnUsers: AlertLoggedOnUser[];
  comments: AlertComment[];
  evidence: AlertEvidence[];
}

/** New and InProgress are open; Resolved is not; Unknown or a value we do not know counts as open (never hide work). */
export function isOpenAlert(alert: Pick<Alert, 'status'>): boolean {
  return alert.status !== 'Resolved';
}
