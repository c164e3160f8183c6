// The Defender for Endpoint client's public surface; import from here, not from the files behind it.
export { createDefenderClient } from './client';
export type { DefenderClient, DefenderClientOptions, FetchLike, ResponseActionsClient } from './client-types';
export {
  ACTION_ENDPOINTS,
  RESPONSE_ACTION_KINDS,
  isFinalStatus,
  type ActionRequestBody,
  type MachineAction,
  type ResponseActionKind,
} from './machine-action';
export { DefenderError, isDefenderError } from './errors';
export type { DefenderErrorCode, DefenderErrorDetails } from './errors';
export type { IpAddress, LogonUser, Machine } from './model';
export { HOST_PREFIX_TOP, odataString } from './requests';
export type { ApiRequest } from './requests';
export { parseLogonUser, parseMachine } from './parse';
export type {
  Alert,
  AlertClassification,
  AlertComment,
  AlertDetermination,
  AlertEvidence,
  AlertLoggedOnUser,
  AlertRelatedUser,
  AlertSeverity,
  AlertStatus,
  KnownAlertClassification,
  KnownAlertDetermination,
  KnownAlertSeverity,
  KnownAlertStatus,
} from './alert-model';
export { ALERT_CLASSIFICATIONS, ALERT_DETERMINATIONS, ALERT_SEVERITIES, ALERT_STATUSES, isOpenAlert } from './alert-model';
export { isAlertId, normalizeAlertId } from './alert-id';
export { parseAlert } from './alert-parse';
export { compareAlerts, lastActivityMs, orderAlerts } from './alert-order';
