// One ioredis connection per process, from REDIS_URL. Chosen over node-redis for its Lua helpers
// (defineCommand: EVALSHA with EVAL fallback) and because rate-limiter-flexible and most Azure samples use it.
// - A handshake every server takes: ioredis 6 sends CLIENT SETINFO and, on RESP3, CLIENT
//   MAINT_NOTIFICATIONS on connect; Redis before 7.2 (Debian's 7.0, some managed tiers) refuses both.
//   ioredis ignores those errors, but they still count in the server's error stats and alerts. So:
//   `disableClientInfo`, `maintNotifications: 'disabled'` and RESP2 (test/state/redis-store.test.ts
//   checks that a connection leaves no error on 7.0, and that ioredis's default one does).
// - Bounded: `commandTimeout` and no offline queue, so a slow or absent Redis fails a command fast and
//   the caller answers from its local share instead of holding a Teams reply.
// - Entra ID (REDIS_USE_ENTRA_ID): the managed identity's token for https://redis.azure.com is the
//   password and its object id (oid) the user name; re-sent with AUTH before the token expires.
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config/redis-config';

const ENTRA_SCOPE = 'https://redis.azure.com/.default';

export interface RedisConnection {
  client: Redis;
  close(): Promise<void>;
}

export async function connectRedis(config: RedisConfig, options: { credential?: TokenCredential } = {}): Promise<RedisConnection> {
  const url = new URL(config.url);
  const base = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 6379 : Number(url.port),
    keyPrefix: config.keyPrefix,
    disableClientInfo: true,
    maintNotifications: 'disabled',
    protocol: 2,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: config.commandTimeoutMs,
    connectTimeout: Math.max(1000, config.commandTimeoutMs * 4),
    // Keep reconnecting, never faster than every 0.2 s nor slower than every 2 s: the replica returns to shared state soon after Redis does.
    retryStrategy: (times) => Math.min(2000, 200 * times),
    ...(url.protocol === 'rediss:' ? { tls: { servername: url.hostname } } : {}),
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) || 0 } : {}),
  } satisfies RedisOptions;
  let refresh: NodeJS.Timeout | undefined;
  let client: Redis;
  if (config.useEntraId) {
    const credential = options.credential ?? new DefaultAzureCredential();
    const first = await entraToken(credential);
    client = new Redis({ ...base, username: first.user, password: first.token });
    const schedule = (expiresAt: number): void => {
      refresh = setTimeout(
        () => {
          void entraToken(credential)
            .then(async (next) => {
              client.options.username = next.user;
              client.options.password = next.token;
              await client.auth(next.user, next.token).catch(() => undefined);
              schedule(next.expiresAt);
            })
            .catch(() => schedule(Date.now() + 120_000));
        },
        Math.max(30_000, expiresAt - Date.now() - 5 * 60_000),
      );
      refresh.unref();
    };
    schedule(first.expiresAt);
  } else {
    client = new Redis(base);
  }
  // Errors surface on the commands that fail; the connection's own event would otherwise be an unhandled 'error'.
  client.on('error', () => undefined);
  // Not awaited to the end: a replica starts even when Redis is down (it then runs on its local share).
  await client.connect().catch(() => undefined);
  return {
    client,
    close: async () => {
      if (refresh !== undefined) clearTimeout(refresh);
      await client.quit().catch(() => client.disconnect());
    },
  };
}

async function entraToken(credential: TokenCredential): Promise<{ token: string; user: string; expiresAt: number }> {
  const got = await credential.getToken(ENTRA_SCOPE);
  if (got === null) throw new Error('no Entra ID token for Redis: is the managed identity assigned to this app?');
  return { token: got.token, user: objectIdOf(got.token), expiresAt: got.expiresOnTimestamp };
}

/** The token's `oid` claim: Azure Managed Redis's user name for an Entra identity. Not verified: it is our own token. */
function objectIdOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const oid = typeof claims === 'object' && claims !== null ? Reflect.get(claims, 'oid') : undefined;
    if (typeof oid === 'string' && oid !== '') return oid;
  } catch {
    // fall through
  }
  throw new Error('the Entra ID token for Redis has no object id (oid)');
}
