// Shared state for several replicas (src/state): REDIS_URL and its companions, validated with the
// rest of the config. Unset REDIS_URL = everything in this process's memory (one instance, the demo).

type Get = (key: string) => string | undefined;

export interface RedisConfig {
  /** redis://host:port or rediss://host:port (TLS); may carry `user:password@` unless Entra ID is used. */
  url: string;
  /** Authenticate with the managed identity's Entra ID token (@azure/identity) instead of a password. */
  useEntraId: boolean;
  /** Every key starts with this (REDIS_KEY_PREFIX, default `mde-chatops:`). */
  keyPrefix: string;
  /** Longest one Redis command may take before this replica falls back to its local share (REDIS_TIMEOUT_MS). */
  commandTimeoutMs: number;
}

export interface SharedStateConfig {
  /** Absent: in-process state only. */
  redis?: RedisConfig | undefined;
  /** Replicas the Defender budget is split between while Redis is unreachable (EXPECTED_REPLICAS). */
  expectedReplicas: number;
}

export const REDIS_DEFAULTS = { keyPrefix: 'mde-chatops:', commandTimeoutMs: 500, expectedReplicas: 2 } as const;

export function sharedStateFromEnv(get: Get, problems: string[], warnings: string[]): SharedStateConfig {
  const replicasRaw = get('EXPECTED_REPLICAS');
  let expectedReplicas: number = REDIS_DEFAULTS.expectedReplicas;
  if (replicasRaw !== undefined) {
    const n = Number(replicasRaw);
    if (Number.isInteger(n) && n >= 1 && n <= 100) expectedReplicas = n;
    else
      problems.push(
        `EXPECTED_REPLICAS="${replicasRaw}" must be a whole number from 1 to 100: how many bot instances run (App Service instance count, Container Apps max replicas).`,
      );
  }
  const urlRaw = get('REDIS_URL');
  const entraRaw = get('REDIS_USE_ENTRA_ID');
  const useEntraId = entraRaw === undefined ? false : flag(entraRaw, 'REDIS_USE_ENTRA_ID', problems);
  for (const key of ['REDIS_USE_ENTRA_ID', 'REDIS_KEY_PREFIX', 'REDIS_TIMEOUT_MS']) {
    if (urlRaw === undefined && get(key) !== undefined)
      problems.push(`${key} is set but REDIS_URL is not: set REDIS_URL (rediss://<name>.<region>.redis.azure.net:10000) or remove ${key}.`);
  }
  if (urlRaw === undefined) return { expectedReplicas };

  let url: URL | undefined;
  try {
    url = new URL(urlRaw);
  } catch {
    problems.push('REDIS_URL is not a URL: use redis://host:6379 or rediss://<name>.<region>.redis.azure.net:10000.');
  }
  if (url !== undefined) {
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
      problems.push(`REDIS_URL must start with redis:// or rediss:// (TLS), got ${url.protocol}//.`);
    if (useEntraId && url.password !== '')
      problems.push(
        'REDIS_URL carries a password but REDIS_USE_ENTRA_ID=true: remove the password from the URL (the managed identity signs in).',
      );
    if (url.protocol === 'redis:' && !isLoopback(url.hostname))
      warnings.push(
        `REDIS_URL uses redis:// to ${url.hostname}: no TLS, so cached device data crosses the network in clear. Use rediss://.`,
      );
  }
  const keyPrefix = get('REDIS_KEY_PREFIX') ?? REDIS_DEFAULTS.keyPrefix;
  if (!/^[\w.:-]{1,64}$/.test(keyPrefix))
    problems.push(`REDIS_KEY_PREFIX="${keyPrefix}" must be 1-64 letters, digits, '.', ':', '_' or '-', e.g. mde-chatops:.`);
  const timeoutRaw = get('REDIS_TIMEOUT_MS');
  const commandTimeoutMs = timeoutRaw === undefined ? REDIS_DEFAULTS.commandTimeoutMs : Number(timeoutRaw);
  if (!Number.isInteger(commandTimeoutMs) || commandTimeoutMs < 20 || commandTimeoutMs > 5000)
    problems.push(
      `REDIS_TIMEOUT_MS="${timeoutRaw ?? ''}" must be a whole number of milliseconds from 20 to 5000 (a slow Redis must not hold a reply near Teams' 15 s).`,
    );
  return { expectedReplicas, redis: { url: urlRaw, useEntraId, keyPrefix, commandTimeoutMs } };
}

function flag(raw: string, key: string, problems: string[]): boolean {
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  problems.push(`${key}="${raw}" must be true or false.`);
  return false;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}
