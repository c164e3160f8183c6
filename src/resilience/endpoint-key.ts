// Which rate-limit budget a request spends. Defender counts 100/min and 1,500/h per endpoint for the
// whole tenant; these are the endpoints the client calls, spelled as the simulator's EndpointKey.
// Derived from the URL the client actually requests (not from the method called), so every page of
// an @odata.nextLink chain and both halves of a host lookup (eq, then startswith) are counted.

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

/** Response-action endpoints by their lower-cased last segment. */
const ACTION_SEGMENTS: ReadonlyMap<string, EndpointKey> = new Map(
  ENDPOINT_KEYS.filter((k) => k.startsWith('machines/{id}/') && !k.endsWith('logonusers') && !k.endsWith('alerts')).map((k) => [
    k.slice('machines/{id}/'.length).toLowerCase(),
    k,
  ]),
);

export type EndpointKey = (typeof ENDPOINT_KEYS)[number];

/** The budget of a URL no known endpoint matches: still limited, separately. */
export const OTHER_ENDPOINT = 'other';

/**
 * The endpoint a request URL spends budget on, or undefined when the path is none of the known endpoints.
 * `basePath` is the path part of the API base URL (a simulator may mount the API below one), without
 * a trailing slash. Fixed segments match case-insensitively and one trailing slash is tolerated, as
 * on the real service; `findbyip(` is recognised after percent-decoding, as the service routes it.
 */
export function endpointKeyOfUrl(url: string, basePath = ''): EndpointKey | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const prefix = basePath.replace(/\/+$/, '');
  if (prefix !== '') {
    if (!pathname.toLowerCase().startsWith(`${prefix.toLowerCase()}/`)) return undefined;
    pathname = pathname.slice(prefix.length);
  }
  return endpointKeyOfPath(pathname);
}

/** As endpointKeyOfUrl, for a path that starts with `/api/`. */
export function endpointKeyOfPath(path: string): EndpointKey | undefined {
  const parts = path.split('/');
  if (parts[0] !== '') return undefined;
  parts.shift();
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const lower: string[] = [];
  for (const part of parts) {
    const segment = decoded(part);
    // Empty, or not decodable: the service answers 400/404 without routing it anywhere.
    if (segment === undefined || segment === '') return undefined;
    lower.push(segment.toLowerCase());
  }
  if (lower[0] !== 'api') return undefined;
  const [, collection, id, sub] = lower;
  if (parts.length === 4 && collection === 'users' && sub === 'machines') return 'users/{name}/machines';
  if (parts.length === 2 && collection === 'machines') return 'machines';
  if (parts.length === 3 && collection === 'machines' && id !== undefined) {
    return id.startsWith('findbyip(') ? 'machines/findbyip' : 'machines/{id}';
  }
  if (parts.length === 4 && collection === 'machines' && sub === 'logonusers') return 'machines/{id}/logonusers';
  if (parts.length === 4 && collection === 'machines' && sub === 'alerts') return 'machines/{id}/alerts';
  if (parts.length === 4 && collection === 'users' && sub === 'alerts') return 'users/{name}/alerts';
  if (parts.length === 3 && collection === 'alerts' && id !== undefined) return 'alerts/{id}';
  if (parts.length === 4 && collection === 'machines' && sub !== undefined && ACTION_SEGMENTS.has(sub)) return ACTION_SEGMENTS.get(sub);
  if (parts.length === 3 && collection === 'machineactions') return 'machineactions/{id}';
  if (parts.length === 2 && collection === 'machineactions') return 'machineactions';
  return undefined;
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
