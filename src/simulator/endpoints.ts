// The API endpoints the simulator serves, and matching a request path onto one of them.
import { SimHttpError } from './http';

export const ENDPOINT_KEYS = [
  'users/{name}/machines',
  'machines/{id}',
  'machines/{id}/logonusers',
  'machines',
  'machines/findbyip',
  'machines/{id}/alerts',
  'users/{name}/alerts',
  'alerts/{id}',
  'machines/{id}/isolate',
  'machines/{id}/unisolate',
  'machines/{id}/runAntiVirusScan',
  'machines/{id}/collectInvestigationPackage',
  'machines/{id}/restrictCodeExecution',
  'machines/{id}/unrestrictCodeExecution',
  'machineactions/{id}',
  'machineactions',
] as const;

/** The response-action endpoints (POST only), each with the action it starts. */
export const ACTION_ROUTES = {
  'machines/{id}/isolate': 'isolate',
  'machines/{id}/unisolate': 'release',
  'machines/{id}/runAntiVirusScan': 'scan',
  'machines/{id}/collectInvestigationPackage': 'collect',
  'machines/{id}/restrictCodeExecution': 'restrict',
  'machines/{id}/unrestrictCodeExecution': 'unrestrict',
} as const;
export type ActionEndpoint = keyof typeof ACTION_ROUTES;
const ACTION_BY_SEGMENT: ReadonlyMap<string, ActionEndpoint> = new Map(
  (Object.keys(ACTION_ROUTES) as ActionEndpoint[]).map((k) => [k.slice('machines/{id}/'.length).toLowerCase(), k]),
);

/** One rate-limit budget and one call counter per key. */
export type EndpointKey = (typeof ENDPOINT_KEYS)[number];

export type Route =
  | { endpoint: 'users/{name}/machines'; userName: string }
  | { endpoint: 'machines/{id}'; machineId: string }
  | { endpoint: 'machines/{id}/logonusers'; machineId: string }
  | { endpoint: 'machines' }
  | { endpoint: 'machines/findbyip'; args: string }
  | { endpoint: 'machines/{id}/alerts'; machineId: string }
  | { endpoint: 'users/{name}/alerts'; userName: string }
  | { endpoint: 'alerts/{id}'; alertId: string }
  | { endpoint: ActionEndpoint; machineId: string }
  | { endpoint: 'machineactions/{id}'; actionId: string }
  | { endpoint: 'machineactions' };

export function isEndpointKey(value: unknown): value is EndpointKey {
  return typeof value === 'string' && (ENDPOINT_KEYS as readonly string[]).includes(value);
}

/**
 * Matches a raw (still percent-encoded) path. Fixed segments are case-insensitive, as on the real
 * service; one trailing slash is tolerated. Returns null for an unknown path.
 */
export function matchRoute(rawPath: string): Route | null {
  const parts = rawPath.split('/');
  if (parts[0] !== '') return null;
  parts.shift();
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const segs = parts.map(decodeSegment);
  const lower = segs.map((s) => s.toLowerCase());
  if (lower[0] !== 'api' || segs.some((s) => s === '')) return null;

  const b = segs[2];
  const la = lower[1];
  const lc = lower[3];
  if (segs.length === 4 && la === 'users' && b !== undefined && lc === 'machines')
    return { endpoint: 'users/{name}/machines', userName: b };
  if (segs.length === 2 && la === 'machines') return { endpoint: 'machines' };
  if (segs.length === 3 && la === 'machines' && b !== undefined) {
    if (/^findbyip\(/i.test(b)) return { endpoint: 'machines/findbyip', args: b };
    return { endpoint: 'machines/{id}', machineId: b };
  }
  if (segs.length === 4 && la === 'machines' && b !== undefined && lc === 'logonusers') {
    return { endpoint: 'machines/{id}/logonusers', machineId: b };
  }
  if (segs.length === 4 && la === 'machines' && b !== undefined && lc === 'alerts') {
    return { endpoint: 'machines/{id}/alerts', machineId: b };
  }
  if (segs.length === 4 && la === 'users' && b !== undefined && lc === 'alerts') return { endpoint: 'users/{name}/alerts', userName: b };
  if (segs.length === 3 && la === 'alerts' && b !== undefined) return { endpoint: 'alerts/{id}', alertId: b };
  const action = lc === undefined ? undefined : ACTION_BY_SEGMENT.get(lc);
  if (segs.length === 4 && la === 'machines' && b !== undefined && action !== undefined) return { endpoint: action, machineId: b };
  if (segs.length === 3 && la === 'machineactions' && b !== undefined) return { endpoint: 'machineactions/{id}', actionId: b };
  if (segs.length === 2 && la === 'machineactions') return { endpoint: 'machineactions' };
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SimHttpError(400, 'BadRequest', 'The request path is not correctly percent-encoded.');
  }
}
