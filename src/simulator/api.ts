// The API endpoints over the tenant data: what each answers for a given analyst. Pure functions of
// the request and the data; errors are SimHttpErrors in the API's codes.
import type { LogonRecord, TenantData, WireAlert, WireLogonUser, WireMachine } from './data/types';
import { ACTION_ROUTES, type Route } from './endpoints';
import { hadIp, parseFindByIp } from './findbyip';
import { SimHttpError } from './http';
import type { Persona } from './personas';
import { applyFilter, pageOf, parseCollectionQuery } from './query';
import { machineIdFilter, type MachineActionBook } from './machine-actions';
import { machineVisibility } from './rbac';

/** @odata.context as the real service writes it (always its own public host). */
export const CONTEXT_BASE = 'https://api.securitycenter.microsoft.com/api/$metadata';
export const MACHINES_CONTEXT = `${CONTEXT_BASE}#Machines`;
export const MACHINE_ENTITY_CONTEXT = `${CONTEXT_BASE}#Machines/$entity`;
export const USERS_CONTEXT = `${CONTEXT_BASE}#Users`;
export const ALERTS_CONTEXT = `${CONTEXT_BASE}#Alerts`;
export const ALERT_ENTITY_CONTEXT = `${CONTEXT_BASE}#Alerts/$entity`;

export interface ApiRequestContext {
  data: TenantData;
  analyst: Persona;
  now: number;
  serverPageSize: number;
  query: URLSearchParams;
  /** Scheme, host and raw path of this request: the base of @odata.nextLink. */
  selfUrl: string;
  /** Asks the fault controller whether an unknown user gets the legacy 404. */
  legacyUserNotFound: () => boolean;
  /** Response actions taken in this tenant, and the body of this request (POSTs). */
  actions: MachineActionBook;
  body: string;
}

export type ApiBody = Record<string, unknown>;

export function handleApi(route: Route, ctx: ApiRequestContext): ApiBody {
  switch (route.endpoint) {
    case 'users/{name}/machines':
      return userMachines(route.userName, ctx);
    case 'machines/{id}':
      return { '@odata.context': MACHINE_ENTITY_CONTEXT, ...findVisibleMachine(route.machineId, ctx) };
    case 'machines/{id}/logonusers':
      return logonUsers(route.machineId, ctx);
    case 'machines':
      return machineCollection(ctx.data.machines, ctx, true);
    case 'machines/findbyip': {
      const { ip } = parseFindByIp(route.args, ctx.now);
      return machineCollection(
        ctx.data.machines.filter((m) => hadIp(m, ip, ctx.now)),
        ctx,
        true,
      );
    }
    case 'machines/{id}/alerts':
      return machineAlerts(route.machineId, ctx);
    case 'users/{name}/alerts':
      return userAlerts(route.userName, ctx);
    case 'alerts/{id}':
      return { '@odata.context': ALERT_ENTITY_CONTEXT, ...findVisibleAlert(route.alertId, ctx) };
    case 'machines/{id}/isolate':
    case 'machines/{id}/unisolate':
    case 'machines/{id}/runAntiVirusScan':
    case 'machines/{id}/collectInvestigationPackage':
    case 'machines/{id}/restrictCodeExecution':
    case 'machines/{id}/unrestrictCodeExecution':
      // Outside the analyst's device groups: 404, exactly like reading it.
      return ctx.actions.create(ACTION_ROUTES[route.endpoint], findVisibleMachine(route.machineId, ctx), ctx.analyst, ctx.body, ctx.now);
    case 'machineactions/{id}':
      return ctx.actions.get(route.actionId, visibleMachineId(ctx), ctx.now);
    case 'machineactions':
      return ctx.actions.list(machineIdFilter(ctx.query), visibleMachineId(ctx), ctx.now);
  }
}

function visibleMachineId(ctx: ApiRequestContext): (machineId: string) => boolean {
  const visible = machineVisibility(ctx.analyst, ctx.data.groups);
  return (id) => {
    const machine = ctx.data.machines.find((m) => m.id === id);
    return machine !== undefined && visible(machine);
  };
}

function notFound(message: string): SimHttpError {
  return new SimHttpError(404, 'ResourceNotFound', message);
}

/** RBAC, then $filter, $top, $skip and paging. An empty result is 200 with an empty value. */
function machineCollection(candidates: WireMachine[], ctx: ApiRequestContext, allowFilter: boolean): ApiBody {
  const query = parseCollectionQuery(ctx.query, allowFilter);
  const visible = candidates.filter(machineVisibility(ctx.analyst, ctx.data.groups));
  const page = pageOf(applyFilter(visible, query), query, ctx.serverPageSize, ctx.selfUrl);
  return collection(MACHINES_CONTEXT, page.value, page.nextLink);
}

function collection(context: string, value: unknown[], nextLink: string | undefined): ApiBody {
  return nextLink === undefined ? { '@odata.context': context, value } : { '@odata.context': context, value, '@odata.nextLink': nextLink };
}

function userMachines(userName: string, ctx: ApiRequestContext): ApiBody {
  const name = userName.toLowerCase();
  const known = ctx.data.users.some((u) => u.accountName.toLowerCase() === name);
  if (!known && ctx.legacyUserNotFound()) throw notFound(`User ${userName} was not found.`);
  const ids = new Set(ctx.data.logons.filter((l) => l.accountName.toLowerCase() === name).map((l) => l.machineId));
  return machineCollection(
    ctx.data.machines.filter((m) => ids.has(m.id)),
    ctx,
    true,
  );
}

/**
 * By device id or by computer name, among the machines the analyst can see (one outside their
 * groups is indistinguishable from an unknown one). For a name with several records, the one that
 * is not a potential duplicate and was seen last.
 */
function findVisibleMachine(idOrName: string, ctx: ApiRequestContext): WireMachine {
  const visible = machineVisibility(ctx.analyst, ctx.data.groups);
  const key = idOrName.toLowerCase();
  const byId = ctx.data.machines.find((m) => m.id.toLowerCase() === key);
  if (byId !== undefined) {
    if (visible(byId)) return byId;
    throw notFound(`Machine ${idOrName} was not found.`);
  }
  const byName = ctx.data.machines
    .filter((m) => typeof m.computerDnsName === 'string' && m.computerDnsName.toLowerCase() === key && visible(m))
    .sort((a, b) => Number(a.isPotentialDuplication === true) - Number(b.isPotentialDuplication === true) || seenAt(b) - seenAt(a));
  const found = byName[0];
  if (found === undefined) throw notFound(`Machine ${idOrName} was not found.`);
  return found;
}

function seenAt(m: WireMachine): number {
  const t = Date.parse(m.lastSeen ?? '');
  return Number.isNaN(t) ? 0 : t;
}

function logonUsers(idOrName: string, ctx: ApiRequestContext): ApiBody {
  const machine = findVisibleMachine(idOrName, ctx);
  const query = parseCollectionQuery(ctx.query, false);
  const users = ctx.data.logons
    .filter((l) => l.machineId === machine.id)
    .sort((a, b) => Date.parse(b.lastSeen) - Date.parse(a.lastSeen))
    .map((l) => wireLogonUser(l, ctx.data));
  const page = pageOf(users, query, ctx.serverPageSize, ctx.selfUrl);
  return collection(USERS_CONTEXT, page.value, page.nextLink);
}

function wireLogonUser(l: LogonRecord, data: TenantData): WireLogonUser {
  const user = data.users.find((u) => u.accountName === l.accountName && u.accountDomain === l.accountDomain);
  return {
    id: `${l.accountDomain}\\${l.accountName}`,
    accountName: l.accountName,
    accountDomain: l.accountDomain,
    accountSid: user?.accountSid ?? null,
    firstSeen: l.firstSeen,
    lastSeen: l.lastSeen,
    mostPrevalentMachineId: user?.mostPrevalentMachineId ?? null,
    leastPrevalentMachineId: user?.leastPrevalentMachineId ?? null,
    logonTypes: l.logonTypes,
    logOnMachinesCount: user?.logOnMachinesCount ?? 1,
    isDomainAdmin: user?.isDomainAdmin ?? false,
    isOnlyNetworkUser: user === undefined ? null : user.isOnlyNetworkUser,
  };
}

// ---- Alerts: visible exactly when the alert's machine is (device-group RBAC), in lists and by id ----

function alertVisibility(ctx: ApiRequestContext): (a: WireAlert) => boolean {
  const visible = machineVisibility(ctx.analyst, ctx.data.groups);
  const machines = new Map(ctx.data.machines.map((m) => [m.id, m]));
  return (a) => {
    const machine = machines.get(a.machineId);
    // An alert whose machine the tenant does not know is shown to no one rather than to everyone.
    return machine !== undefined && visible(machine);
  };
}

/** Lists carry no evidence (the docs' list example sends []); GET /api/alerts/{id} does. */
function listed(a: WireAlert): WireAlert {
  return { ...a, evidence: [] };
}

/** Alerts in the order they were generated, not sorted: the real API promises no order, so neither does this. */
function alertCollection(alerts: WireAlert[], ctx: ApiRequestContext): ApiBody {
  const query = parseCollectionQuery(ctx.query, false);
  const page = pageOf(alerts.map(listed), query, ctx.serverPageSize, ctx.selfUrl);
  return collection(ALERTS_CONTEXT, page.value, page.nextLink);
}

/** 404 for a machine the analyst cannot see, exactly as /api/machines/{id}; 200 with [] for a visible machine without alerts. */
function machineAlerts(idOrName: string, ctx: ApiRequestContext): ApiBody {
  const machine = findVisibleMachine(idOrName, ctx);
  return alertCollection(
    ctx.data.alerts.filter((a) => a.machineId === machine.id),
    ctx,
  );
}

/** Alerts whose relatedUser is the name (case-insensitive, any domain), on machines the analyst can see. Unknown user: 200 []. */
function userAlerts(userName: string, ctx: ApiRequestContext): ApiBody {
  const name = userName.toLowerCase();
  const known = ctx.data.users.some((u) => u.accountName.toLowerCase() === name);
  if (!known && ctx.legacyUserNotFound()) throw notFound(`User ${userName} was not found.`);
  const visible = alertVisibility(ctx);
  return alertCollection(
    ctx.data.alerts.filter((a) => a.relatedUser?.userName.toLowerCase() === name && visible(a)),
    ctx,
  );
}

/** By id (case-insensitive); an alert on a machine outside the analyst's groups is indistinguishable from none. */
function findVisibleAlert(alertId: string, ctx: ApiRequestContext): WireAlert {
  const key = alertId.toLowerCase();
  const alert = ctx.data.alerts.find((a) => a.id === key);
  if (alert === undefined || !alertVisibility(ctx)(alert)) throw notFound(`Alert ${alertId} was not found.`);
  return alert;
}
