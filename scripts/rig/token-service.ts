// A local stand-in for the Bot Framework token service (api.botframework.com), speaking the REST
// paths botbuilder's UserTokenClient calls: GetToken (with or without a magic code),
// GetSignInResource, SignOut and exchange. Every call must carry the bot's app token
// (`authorize` checks it). `completeSignIn` plays the user finishing the sign-in page: the service
// then holds the token and hands out the magic code Teams sends back in `signin/verifyState`.
import { randomInt, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body';

export interface TokenServiceCall {
  method: string;
  path: string;
  userId?: string;
  connectionName?: string;
  /** Whether the bot's app token was present and valid. */
  authorized: boolean;
  status: number;
}

export interface FakeTokenService {
  url: string;
  calls: TokenServiceCall[];
  /** The user finished the sign-in page: the service now has `token` and returns the magic code. */
  completeSignIn(userId: string, connectionName: string, token: string): string;
  /** The token the service holds for the user (e.g. from an earlier sign-in). */
  setToken(userId: string, connectionName: string, token: string | undefined): void;
  tokenOf(userId: string, connectionName: string): string | undefined;
  close(): Promise<void>;
}

export interface TokenServiceOptions {
  /** Checks the Authorization header (the bot's app token); unauthorized calls get 401. */
  authorize: (authorization: string | undefined) => boolean;
  /** The SSO resource the OAuth connection's Token Exchange URL names, e.g. api://botid-<id>. */
  exchangeUri: string;
  /** Server key and certificate (PEM): the bot refuses an http token service, as it would in production. */
  tls: { keyPem: string; certPem: string };
}

export async function startTokenService(options: TokenServiceOptions): Promise<FakeTokenService> {
  const tokens = new Map<string, string>();
  const codes = new Map<string, { key: string; token: string }>();
  const calls: TokenServiceCall[] = [];
  const keyOf = (userId: string, connectionName: string): string => `${userId}\n${connectionName}`;

  const server: Server = createServer({ key: options.tls.keyPem, cert: options.tls.certPem }, async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    const body = await readBody(req);
    const authorized = options.authorize(req.headers.authorization);
    const record = (status: number): void => {
      calls.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        ...(q.get('userId') ? { userId: q.get('userId') ?? '' } : {}),
        ...(q.get('connectionName') ? { connectionName: q.get('connectionName') ?? '' } : {}),
        authorized,
        status,
      });
    };
    const json = (status: number, payload?: unknown): void => {
      record(status);
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (!authorized) return json(401, { error: { code: 'Unauthorized', message: 'The bot’s app token is missing or invalid.' } });
    const userId = q.get('userId') ?? '';
    const connectionName = q.get('connectionName') ?? '';
    const path = url.pathname.toLowerCase();

    if (req.method === 'GET' && path === '/api/usertoken/gettoken') {
      const code = q.get('code');
      const key = keyOf(userId, connectionName);
      if (code !== null && code !== '') {
        const pending = codes.get(code);
        if (pending === undefined || pending.key !== key) return json(404);
        codes.delete(code);
        tokens.set(key, pending.token);
      }
      const token = tokens.get(key);
      if (token === undefined) return json(404);
      return json(200, {
        channelId: q.get('channelId') ?? 'msteams',
        connectionName,
        token,
        expiration: new Date(Date.now() + 3600_000).toISOString(),
      });
    }
    if (req.method === 'GET' && path === '/api/botsignin/getsigninresource') {
      const state = parseState(q.get('state'));
      if (state === undefined) return json(400, { error: { code: 'BadArgument', message: 'state is not valid' } });
      return json(200, {
        signInLink: `${serverUrl}/signin?state=${encodeURIComponent(q.get('state') ?? '')}`,
        tokenExchangeResource: { id: randomUUID(), uri: options.exchangeUri, providerId: 'aad-v2' },
        tokenPostResource: { sasUrl: `${serverUrl}/tokenpost/${randomUUID()}` },
      });
    }
    if (req.method === 'DELETE' && path === '/api/usertoken/signout') {
      for (const key of [...tokens.keys()])
        if (key.startsWith(`${userId}\n`) && (connectionName === '' || key === keyOf(userId, connectionName))) tokens.delete(key);
      return json(200, {});
    }
    if (req.method === 'POST' && path === '/api/usertoken/exchange') {
      // An OAuth connection whose scope is the bot's own API: the exchanged token is the SSO token itself.
      const token = parseExchange(body);
      if (token === undefined) return json(400, { error: { code: 'BadArgument', message: 'no token to exchange' } });
      tokens.set(keyOf(userId, connectionName), token);
      return json(200, { channelId: q.get('channelId') ?? 'msteams', connectionName, token });
    }
    json(404, { error: { code: 'NotFound', message: `no route ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const serverUrl = `https://127.0.0.1:${port}`;

  return {
    url: serverUrl,
    calls,
    completeSignIn: (userId, connectionName, token) => {
      const code = String(randomInt(100_000, 1_000_000));
      codes.set(code, { key: keyOf(userId, connectionName), token });
      return code;
    },
    setToken: (userId, connectionName, token) => {
      if (token === undefined) tokens.delete(keyOf(userId, connectionName));
      else tokens.set(keyOf(userId, connectionName), token);
    },
    tokenOf: (userId, connectionName) => tokens.get(keyOf(userId, connectionName)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The token exchange state botbuilder sends: base64 JSON with the connection, conversation and app id. */
function parseState(raw: string | null): { msAppId: string; connectionName: string } | undefined {
  if (raw === null) return undefined;
  try {
    const state: unknown = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    if (typeof state !== 'object' || state === null) return undefined;
    const msAppId: unknown = Reflect.get(state, 'msAppId');
    const connectionName: unknown = Reflect.get(state, 'connectionName');
    return typeof msAppId === 'string' && typeof connectionName === 'string' ? { msAppId, connectionName } : undefined;
  } catch {
    return undefined;
  }
}

function parseExchange(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const token: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'token') : undefined;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
}
