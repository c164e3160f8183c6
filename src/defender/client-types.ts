import type { Alert } from './alert-model';
import type { ActionRequestBody, MachineAction, ResponseActionKind } from './machine-action';
import type { LogonUser, Machine } from './model';

/** The subset of WHATWG fetch the client needs; injected so tests and the simulator can supply their own. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; signal?: AbortSignal; body?: string },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface DefenderClientOptions {
  /** API base, e.g. https://api.security.microsoft.com (no trailing /api). */
  baseUrl: string;
  fetch: FetchLike;
  /** Returns a bearer token for the person on whose behalf the call is made. */
  getToken: () => Promise<string>;
  /** Upper bound on pages fetched through @odata.nextLink (default 10). */
  maxPages?: number;
  /** Per-request timeout (default 10_000 ms); 'none' when the fetch times each exchange itself (resilience's limited fetch). */
  timeoutMs?: number | 'none';
}

/** Every method throws DefenderError on failure, and nothing else. */
export interface DefenderClient {
  /** GET /api/users/{name}/machines. Unknown user: [] (current API) — the legacy 404 is mapped to [] too. */
  getUserMachines(userName: string): Promise<Machine[]>;
  /** GET /api/machines/{id}. Unknown or not visible: DefenderError notFound. */
  getMachine(id: string): Promise<Machine>;
  /** GET /api/machines/{id}/logonusers. Unknown or not visible machine: DefenderError notFound. */
  getLogonUsers(machineId: string): Promise<LogonUser[]>;
  /** $filter=computerDnsName eq 'x', falling back to startswith(computerDnsName,'x') when that finds nothing. A list 404 is []. */
  findMachinesByHostName(host: string): Promise<Machine[]>;
  /** startswith(computerDnsName,'x') only, up to HOST_PREFIX_TOP records (the search-as-you-type box). A list 404 is []. */
  findMachinesByHostPrefix(prefix: string): Promise<Machine[]>;
  /** GET /api/machines/findbyip(ip='…',timestamp=…). Nothing found: []. */
  findMachinesByIp(ip: string, at: Date): Promise<Machine[]>;

  // Alerts (delegated permission Alert.Read). Order as the API sends it; sorting is the view's job.
  /** GET /api/machines/{id}/alerts (device id or computer name). Unknown or not visible machine: DefenderError notFound. */
  getMachineAlerts(machineId: string): Promise<Alert[]>;
  /** GET /api/users/{name}/alerts, bare user name. Unknown user: [] (documented 200 empty; a 404 is [] too). */
  getUserAlerts(userName: string): Promise<Alert[]>;
  /** GET /api/alerts/{id}. Not an alert id: DefenderError badRequest before any call. Unknown or not visible: notFound. */
  getAlert(alertId: string): Promise<Alert>;
}

/**
 * Response actions (write; delegated Machine.Isolate, Machine.Scan, Machine.CollectForensics,
 * Machine.RestrictExecution; reading actions Machine.Read). A POST is sent once and never retried:
 * a lost answer does not mean Defender did not act. Every method throws DefenderError only.
 */
export interface ResponseActionsClient {
  /** POST /api/machines/{id}/<action> → the MachineAction Defender created (201). 400: one already in progress. */
  runResponseAction(machineId: string, kind: ResponseActionKind, body: ActionRequestBody): Promise<MachineAction>;
  /** GET /api/machineactions/{id}. */
  getMachineAction(actionId: string): Promise<MachineAction>;
  /** GET /api/machineactions?$filter=machineId eq '…' (first page). */
  listMachineActions(machineId: string): Promise<MachineAction[]>;
}

/** The lookups whose answers a card may reuse without asking again: lists whose size or names it shows. */
export type KnowableMethod = 'getMachineAlerts' | 'getUserAlerts' | 'getLogonUsers';

/** One of those answers, tagged with the method that gave it. */
export type KnownAnswer =
  | { method: 'getMachineAlerts'; value: Alert[] }
  | { method: 'getUserAlerts'; value: Alert[] }
  | { method: 'getLogonUsers'; value: LogonUser[] };

/**
 * What this client's person has already been answered, still fresh (the answer cache), found without
 * a call to Defender: the count on an "Alerts" button, the users on a confirmation card. Each query is
 * a method and its one argument; the answers come back in the queries' order, undefined where none is held.
 */
export interface KnownAnswersClient {
  known(queries: ReadonlyArray<{ method: KnowableMethod; arg: string }>): Promise<Array<KnownAnswer | undefined>>;
}
