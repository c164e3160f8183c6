// The Defender for Endpoint API client: HTTP through the injected fetch only, every failure a
// DefenderError. The bearer token is the asking analyst's, so it must never leave this file in an
// error: messages, causes and properties are built from scrubbed copies, never from the originals.
import type { Alert } from './alert-model';
import { parseAlertBody, parseAlertPage } from './alert-parse';
import type { DefenderClient, DefenderClientOptions, ResponseActionsClient } from './client-types';
import { DefenderError, type DefenderErrorCode } from './errors';
import {
  actionRequest,
  machineActionPath,
  machineActionsOfPath,
  parseMachineActionBody,
  parseMachineActionPage,
  type MachineAction,
} from './machine-action';
import type { LogonUser, Machine } from './model';
import {
  parseErrorBody,
  parseJsonText,
  parseLogonUserPage,
  parseMachineBody,
  parseMachinePage,
  parseRetryAfter,
  type Page,
  type ParseResult,
} from './parse';
import { REDACTED, redactString } from '../logging/redact';
import { withTimeout } from '../shared/timeout';
import * as requests from './requests';
import type { ApiRequest } from './requests';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_PAGES = 10;
/** Enough of the API's own error message to be useful in a log line. */
const MAX_API_MESSAGE = 200;

interface Reply {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/** What one HTTP exchange needs besides the URL; `label` is `GET /api/...` for errors (no host). */
interface Call {
  token: string;
  label: string;
  /** A response action: POST with a JSON body (never re-sent here). */
  post?: string;
}

type PageParser<T> = (body: unknown) => ParseResult<Page<T>>;

export function createDefenderClient(options: DefenderClientOptions): DefenderClient & ResponseActionsClient {
  const base = parseBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs === 'none' ? 'none' : positiveNumber(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const maxPages = positiveInteger(options.maxPages, DEFAULT_MAX_PAGES, 'maxPages');

  // One token per client method: a paged list, or eq-then-startswith, is one question from one person.
  async function bearer(req: ApiRequest): Promise<string> {
    const request = label(req.path);
    let token: unknown;
    try {
      token = await options.getToken();
    } catch (e) {
      if (e instanceof DefenderError) throw e;
      throw new DefenderError('unauthorized', `no token for the Defender API (${request})`, {
        request,
        cause: scrubbedCause(e, ''),
      });
    }
    if (typeof token !== 'string' || token === '') {
      throw new DefenderError('unauthorized', `no token for the Defender API (${request})`, { request });
    }
    return token;
  }

  async function send(url: string, call: Call): Promise<Reply> {
    const exchange = async (signal?: AbortSignal): Promise<Reply> => {
      const res = await options.fetch(url, {
        method: call.post === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `Bearer ${call.token}`,
          Accept: 'application/json',
          ...(call.post === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(call.post === undefined ? {} : { body: call.post }),
        ...(signal === undefined ? {} : { signal }),
      });
      return { status: res.status, headers: res.headers, text: await res.text() };
    };
    const timedOut = (): DefenderError =>
      new DefenderError('timeout', `no answer from the Defender API within ${timeoutMs} ms (${call.label})`, { request: call.label });
    try {
      // The timeout bounds the body read too, and answers even if a fetch ignores the signal.
      return await (timeoutMs === 'none' ? exchange() : withTimeout(timeoutMs, exchange, timedOut));
    } catch (e) {
      if (e instanceof DefenderError) throw e;
      throw new DefenderError('unreachable', `could not reach the Defender API (${call.label})`, {
        request: call.label,
        cause: scrubbedCause(e, call.token),
      });
    }
  }

  /** The JSON body of a 2xx reply; any other status is its DefenderError. */
  function jsonBody(reply: Reply, call: Call): unknown {
    if (reply.status < 200 || reply.status > 299) throw statusError(reply, call);
    const json = parseJsonText(reply.text);
    if (!json.ok) throw invalidResponse(json.reason, reply.status, call);
    return json.value;
  }

  /**
   * A collection, following `@odata.nextLink` up to maxPages. `notFoundIsEmpty`: the endpoint
   * answers 404 for "nothing" (legacy user lookup, list and find functions) rather than "no such
   * thing". Only the first page's 404 means that; a 404 half-way through a chain is an error.
   */
  async function list<T>(req: ApiRequest, parse: PageParser<T>, notFoundIsEmpty: boolean, token: string): Promise<T[]> {
    let url = base.prefix + req.path;
    let call: Call = { token, label: label(req.path) };
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const reply = await send(url, call);
      if (page === 1 && reply.status === 404 && notFoundIsEmpty) return [];
      const parsed = parse(jsonBody(reply, call));
      if (!parsed.ok) throw invalidResponse(parsed.reason, reply.status, call);
      items.push(...parsed.value.items);
      const next = parsed.value.nextLink;
      if (next === undefined) return items;
      if (page >= maxPages) {
        throw new DefenderError('tooManyPages', `more than ${maxPages} pages of results (${call.label})`, {
          request: call.label,
        });
      }
      const nextUrl = sameOriginUrl(next, base.origin);
      if (nextUrl === undefined) {
        // Following it would send the analyst's token to whoever the server named.
        throw invalidResponse('"@odata.nextLink" is not a URL on the API host', reply.status, call);
      }
      // Opaque: sent exactly as the server wrote it; only the label is derived.
      url = next;
      call = { token, label: label(nextUrl.pathname + nextUrl.search) };
    }
  }

  async function singleMachine(req: ApiRequest): Promise<Machine> {
    const call: Call = { label: label(req.path), token: await bearer(req) };
    const reply = await send(base.prefix + req.path, call);
    const parsed = parseMachineBody(jsonBody(reply, call));
    if (!parsed.ok) throw invalidResponse(parsed.reason, reply.status, call);
    return parsed.value;
  }

  return {
    async getUserMachines(userName: string): Promise<Machine[]> {
      const req = requests.userMachines(userName);
      // Old API: 404 for an unknown user; current API: 200 with an empty value. Both are [].
      return list(req, parseMachinePage, true, await bearer(req));
    },

    async getMachine(id: string): Promise<Machine> {
      return singleMachine(requests.machine(id));
    },

    async getLogonUsers(machineId: string): Promise<LogonUser[]> {
      const req = requests.logonUsers(machineId);
      // 404 here is "no such machine (visible to you)", which the caller must tell apart from "nobody logged on".
      return list(req, parseLogonUserPage, false, await bearer(req));
    },

    async findMachinesByHostName(host: string): Promise<Machine[]> {
      const exact = requests.machinesByHostEq(host);
      const prefix = requests.machinesByHostPrefix(host);
      const token = await bearer(exact);
      const found = await list(exact, parseMachinePage, true, token);
      return found.length > 0 ? found : list(prefix, parseMachinePage, true, token);
    },

    async findMachinesByHostPrefix(prefix: string): Promise<Machine[]> {
      const req = requests.machinesByHostPrefix(prefix);
      return list(req, parseMachinePage, true, await bearer(req));
    },

    async findMachinesByIp(ip: string, at: Date): Promise<Machine[]> {
      const req = requests.machinesByIp(ip, at);
      return list(req, parseMachinePage, true, await bearer(req));
    },

    async getMachineAlerts(machineId: string): Promise<Alert[]> {
      const req = requests.machineAlerts(machineId);
      // 404 is "no such machine (visible to you)", not "no alerts": the caller must be able to say which.
      return list(req, parseAlertPage, false, await bearer(req));
    },

    async getUserAlerts(userName: string): Promise<Alert[]> {
      const req = requests.userAlerts(userName);
      // Documented: 200 with an empty value for an unknown user. A 404 (as users/{name}/machines once
      // answered) means the same thing, so both are [].
      return list(req, parseAlertPage, true, await bearer(req));
    },

    async getAlert(alertId: string): Promise<Alert> {
      const req = requests.alert(alertId);
      const call: Call = { label: label(req.path), token: await bearer(req) };
      const reply = await send(base.prefix + req.path, call);
      const parsed = parseAlertBody(jsonBody(reply, call));
      if (!parsed.ok) throw invalidResponse(parsed.reason, reply.status, call);
      return parsed.value;
    },

    async runResponseAction(machineId, kind, body): Promise<MachineAction> {
      const req = actionRequest(machineId, kind, body);
      const call: Call = {
        label: `POST ${req.path}`,
        token: await bearer({ method: 'GET', path: req.path }),
        post: JSON.stringify(req.body),
      };
      const reply = await send(base.prefix + req.path, call);
      const parsed = parseMachineActionBody(jsonBody(reply, call));
      if (!parsed.ok) throw invalidResponse(parsed.reason, reply.status, call);
      return parsed.value;
    },

    async getMachineAction(actionId): Promise<MachineAction> {
      const path = machineActionPath(actionId);
      const call: Call = { label: label(path), token: await bearer({ method: 'GET', path }) };
      const reply = await send(base.prefix + path, call);
      const parsed = parseMachineActionBody(jsonBody(reply, call));
      if (!parsed.ok) throw invalidResponse(parsed.reason, reply.status, call);
      return parsed.value;
    },

    async listMachineActions(machineId): Promise<MachineAction[]> {
      const path = machineActionsOfPath(machineId);
      const call: Call = { label: label(path), token: await bearer({ method: 'GET', path }) };
      const reply = await send(base.prefix + path, call);
      const parsed = parseMachineActionPage(jsonBody(reply, call));
      if (!parsed.ok) throw invalidResponse(parsed.reason, reply.status, call);
      return parsed.value.items;
    },
  };
}

function label(path: string): string {
  return `GET ${path}`;
}

function invalidResponse(reason: string, status: number, call: Call): DefenderError {
  return new DefenderError('invalidResponse', `unexpected answer from the Defender API: ${reason} (${call.label})`, {
    status,
    request: call.label,
  });
}

function codeForStatus(status: number): DefenderErrorCode {
  if (status === 400) return 'badRequest';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'serverError';
  // Other 4xx (405, 409, 414, …) are still "the API refused what we sent".
  if (status >= 400) return 'badRequest';
  // 1xx/3xx reaching us means the exchange went somewhere we did not expect.
  return 'invalidResponse';
}

function statusError(reply: Reply, call: Call): DefenderError {
  const envelope = parseErrorBody(reply.text);
  const code = codeForStatus(reply.status);
  const apiMessage = envelope?.message === undefined ? '' : `: ${scrub(envelope.message, call.token).slice(0, MAX_API_MESSAGE)}`;
  const apiCode = envelope?.code === undefined ? '' : ` ${envelope.code}`;
  return new DefenderError(code, `Defender API answered ${reply.status}${apiCode} (${call.label})${apiMessage}`, {
    status: reply.status,
    apiCode: envelope?.code,
    correlationId: envelope?.target,
    retryAfterSeconds: code === 'throttled' ? parseRetryAfter(reply.headers.get('retry-after'), Date.now()) : undefined,
    request: call.label,
  });
}

function sameOriginUrl(link: string, origin: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  return url.origin === origin ? url : undefined;
}

function parseBaseUrl(baseUrl: string): { origin: string; prefix: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`Defender baseUrl is not a URL: ${baseUrl}`);
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new TypeError(`Defender baseUrl must be a plain http(s) URL without query, fragment or credentials: ${baseUrl}`);
  }
  // A path prefix is kept (a simulator may mount the API below one); request paths start with /api/.
  return { origin: url.origin, prefix: url.origin + url.pathname.replace(/\/+$/, '') };
}

function positiveNumber(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`Defender client ${name} must be a positive number`);
  return value;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const n = positiveNumber(value, fallback, name);
  if (!Number.isInteger(n)) throw new TypeError(`Defender client ${name} must be a whole number`);
  return n;
}

/** Text with the token, and anything that looks like a bearer credential or a JWT, replaced. */
function scrub(text: string, token: string): string {
  return redactString(token === '' ? text : text.split(token).join(REDACTED));
}

class ScrubbedCause extends Error {
  declare code?: string | number;
}

/**
 * A copy of a thrown value that keeps what helps diagnose it (name, message, errno-style code,
 * stack, nested causes) and nothing else: a fetch implementation's error may carry the request,
 * its headers or its options as properties, and those hold the token.
 */
function scrubbedCause(e: unknown, token: string, depth = 0): Error {
  if (!(e instanceof Error)) {
    return new ScrubbedCause(typeof e === 'string' ? scrub(e, token) : `non-Error thrown (${typeof e})`);
  }
  const copy = new ScrubbedCause(scrub(e.message, token));
  copy.name = scrub(e.name, token);
  const code: unknown = (e as { code?: unknown }).code;
  if (typeof code === 'string') copy.code = scrub(code, token);
  else if (typeof code === 'number') copy.code = code;
  if (e.stack !== undefined) copy.stack = scrub(e.stack, token);
  else delete copy.stack;
  if (e.cause !== undefined && depth < 4) copy.cause = scrubbedCause(e.cause, token, depth + 1);
  return copy;
}
