// OData system query options on collection endpoints ($filter, $top, $skip) and server-driven
// paging with @odata.nextLink.
import type { WireMachine } from './data/types';
import { SimHttpError } from './http';
import { ODataFilterError, matchesFilter, parseFilter, type FilterExpr } from './odata-filter';

export const MAX_TOP = 10_000;

export interface CollectionQuery {
  filter?: FilterExpr;
  /** The $filter text as received, for the next link. */
  filterText?: string;
  top?: number;
  skip: number;
  /** Query parameters that are not system options, kept in the next link. */
  passThrough: Array<[string, string]>;
}

const OPTIONS = ['$filter', '$top', '$skip'] as const;

/** Parses the query string; any problem is a 400 ODataError. */
export function parseCollectionQuery(params: URLSearchParams, allowFilter: boolean): CollectionQuery {
  const query: CollectionQuery = { skip: 0, passThrough: [] };
  const seen = new Set<string>();
  for (const [rawKey, value] of params) {
    if (!rawKey.startsWith('$')) {
      query.passThrough.push([rawKey, value]);
      continue;
    }
    const key = OPTIONS.find((o) => o === rawKey.toLowerCase());
    if (key === undefined || (key === '$filter' && !allowFilter)) {
      throw odataError(`The query parameter '${rawKey}' is not supported.`);
    }
    if (seen.has(key)) throw odataError(`Query option '${key}' was specified more than once, but it must be specified at most once.`);
    seen.add(key);
    if (key === '$filter') {
      try {
        query.filter = parseFilter(value);
      } catch (e) {
        if (e instanceof ODataFilterError) throw odataError(e.message);
        throw e;
      }
      query.filterText = value;
    } else if (key === '$top') {
      const top = nonNegativeInteger(value, key);
      if (top > MAX_TOP)
        throw odataError(`The limit of '${MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '${value}'.`);
      query.top = top;
    } else {
      query.skip = nonNegativeInteger(value, key);
    }
  }
  return query;
}

function nonNegativeInteger(value: string, key: string): number {
  if (!/^\d{1,9}$/.test(value.trim()))
    throw odataError(
      `Invalid value '${value}' for ${key} query option found. The ${key} query option requires a non-negative integer value.`,
    );
  return Number(value.trim());
}

function odataError(message: string): SimHttpError {
  return new SimHttpError(400, 'ODataError', message);
}

export function applyFilter(machines: WireMachine[], query: CollectionQuery): WireMachine[] {
  const filter = query.filter;
  return filter === undefined ? machines : machines.filter((m) => matchesFilter(filter, m));
}

export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/**
 * $skip then $top, then at most `pageSize` items; when more remain, a next link that asks for the
 * rest with the same $filter. `baseUrl` is scheme, host and raw path.
 */
export function pageOf<T>(items: T[], query: CollectionQuery, pageSize: number, baseUrl: string): Page<T> {
  const afterSkip = items.slice(query.skip);
  const wanted = query.top === undefined ? afterSkip : afterSkip.slice(0, query.top);
  if (wanted.length <= pageSize) return { value: wanted };
  const parts = query.passThrough.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  if (query.filterText !== undefined) parts.push(`$filter=${encodeURIComponent(query.filterText)}`);
  if (query.top !== undefined) parts.push(`$top=${query.top - pageSize}`);
  parts.push(`$skip=${query.skip + pageSize}`);
  return { value: wanted.slice(0, pageSize), nextLink: `${baseUrl}?${parts.join('&')}` };
}
