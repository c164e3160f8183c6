// Configuration is read from the environment once, at start-up, and validated as a whole so the admin
// sees every problem in one go. Nothing else in src/ reads process.env.
import { BotError } from '../errors';
import type { ResilienceOptions } from '../resilience';
import { isGuid } from '../shared/ids';
import { resilienceFromEnv } from './resilience-config';
import type { ResponseActionSettings } from '../actions/types';
import { responseActionsFromEnv } from './actions-config';
import { sharedStateFromEnv, type SharedStateConfig } from './redis-config';
import { CLOUDS, DEFENDER_API_HOSTS, parseCloudName, type CloudName, type CloudSettings } from './clouds';
import { productionSignInFromEnv, type LocalRigOverrides, type SignInConfig } from './production-config';

export type BotType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export const DEMO_ANALYSTS = ['soc-lead', 'analyst-emea', 'analyst-us', 'no-role'] as const;
export type DemoAnalyst = (typeof DEMO_ANALYSTS)[number];
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface BotIdentity {
  id: string;
  password?: string | undefined;
  tenantId?: string | undefined;
  type: BotType;
}

interface CommonConfig {
  port: number;
  /** Listen address (HOST): 127.0.0.1 in the demo, which has no authentication; 0.0.0.0 in production. */
  host: string;
  /** Settings that weaken a safeguard on purpose: logged at start-up and shown on /readyz. */
  warnings: readonly string[];
  cloud: CloudName;
  cloudSettings: CloudSettings;
  /** DEFENDER_API_URL, else the cloud's default host. In demo mode unset means "start the simulated tenant". */
  defenderApiUrl?: string | undefined;
  logLevel: LogLevel;
  /** A command not finished by then gets a "still working" reply and its card later (Teams redelivers after ~15 s). */
  slowReplyMs: number;
  /** Defender budget, cache, retries, breaker (src/resilience). */
  resilience: ResilienceOptions;
  /** Response actions (src/actions): none unless RESPONSE_ACTIONS says so; the demo on its own simulated tenant enables all. */
  responseActions: ResponseActionSettings;
  /**
   * CHANNEL_RESULTS: where answers asked in a channel or group chat go. `thread` (default): that thread,
   * naming whose access they reflect; `private`: a 1:1 chat with the asker, the thread gets one line.
   */
  channelResults: 'thread' | 'private';
  /** REDIS_URL for state shared between replicas, else in-process (src/state). */
  sharedState: SharedStateConfig;
}

export interface DemoConfig extends CommonConfig {
  mode: 'demo';
  /** Which simulated analyst every demo user acts as. */
  demoAnalyst: DemoAnalyst;
  /** Start the Microsoft 365 Agents Playground next to the bot. */
  playground: boolean;
  playgroundPort: number;
  /** messageBack everywhere but the Playground, which cannot click messageBack buttons (src/cards/action-style.ts). */
  cardActions: 'messageBack' | 'plainSubmit';
}

export interface ProductionConfig extends CommonConfig {
  mode: 'production';
  bot: BotIdentity;
  /** Teams SSO + on-behalf-of: every Defender call as the analyst who asked (./production-config.ts). */
  signIn: SignInConfig;
  /** Entra tenants whose activities are answered; others get a short refusal. */
  allowedTenantIds: readonly string[];
  /** For local test rigs only (loopback): stand-ins for Entra, the Bot Framework issuer and token service. */
  localRig?: LocalRigOverrides | undefined;
}

export type Config = DemoConfig | ProductionConfig;

export class ConfigError extends BotError<'configInvalid'> {
  constructor(readonly problems: string[]) {
    super('configInvalid', `Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee env.sample for every key.`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const get = (key: string): string | undefined => {
    const v = env[key]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };

  const port = parsePort(get('PORT') ?? '3978', 'PORT', problems);

  const cloudRaw = get('DEFENDER_CLOUD') ?? 'Commercial';
  const cloud = parseCloudName(cloudRaw);
  if (!cloud) problems.push(`DEFENDER_CLOUD="${cloudRaw}" is not a cloud I know: use Commercial, GCC, GCCHigh or DoD.`);

  const apiRaw = get('DEFENDER_API_URL');
  const defenderApiUrl = apiRaw === undefined ? undefined : parseApiUrl(apiRaw, problems);
  const warnings: string[] = [];

  const logLevelRaw = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel = (['debug', 'info', 'warn', 'error', 'silent'] as const).find((l) => l === logLevelRaw);
  if (!logLevel) problems.push(`LOG_LEVEL="${logLevelRaw}" must be one of debug, info, warn, error, silent.`);

  const slowRaw = get('SLOW_REPLY_MS') ?? '10000';
  const slowReplyMs = Number(slowRaw);
  if (!Number.isInteger(slowReplyMs) || slowReplyMs < 100 || slowReplyMs > 14_000) {
    problems.push(
      `SLOW_REPLY_MS="${slowRaw}" must be a whole number of milliseconds from 100 to 14000 (Teams resends an unanswered message after about 15 s).`,
    );
  }

  const channelRaw = (get('CHANNEL_RESULTS') ?? 'thread').toLowerCase();
  const channelResults = channelRaw === 'thread' || channelRaw === 'private' ? channelRaw : undefined;
  if (!channelResults) {
    problems.push(
      `CHANNEL_RESULTS="${channelRaw}" must be thread (answers in the channel thread, for everyone there to read) or private (answers in a 1:1 chat with the asker).`,
    );
  }

  const botId = get('BOT_ID');
  const demoFlag = get('DEMO');
  const host = parseHost(get('HOST') ?? (botId === undefined ? '127.0.0.1' : '0.0.0.0'), problems);
  if (botId === undefined && !isLoopbackHost(host)) {
    warnings.push(
      `HOST=${host}: the demo has no authentication and now listens beyond this machine; anyone who can reach port ${port} can use it.`,
    );
  }
  const common = {
    port,
    host,
    warnings,
    cloud: cloud ?? 'Commercial',
    cloudSettings: CLOUDS[cloud ?? 'Commercial'],
    defenderApiUrl,
    logLevel: logLevel ?? 'info',
    slowReplyMs,
    resilience: resilienceFromEnv(get, problems),
    responseActions: responseActionsFromEnv(get, problems, botId === undefined && defenderApiUrl === undefined && apiRaw === undefined),
    channelResults: channelResults ?? 'thread',
    sharedState: sharedStateFromEnv(get, problems, warnings),
  } as const;

  if (botId === undefined) {
    const analystRaw = get('DEMO_ANALYST') ?? 'soc-lead';
    const demoAnalyst = DEMO_ANALYSTS.find((a) => a === analystRaw);
    if (!demoAnalyst) problems.push(`DEMO_ANALYST="${analystRaw}" must be one of ${DEMO_ANALYSTS.join(', ')}.`);
    for (const key of ['BOT_PASSWORD', 'BOT_TENANT_ID']) {
      if (get(key) !== undefined)
        problems.push(
          `${key} is set but BOT_ID is not. Set BOT_ID (the Azure Bot's Microsoft App ID) for production, or remove ${key} to run the demo.`,
        );
    }
    const playgroundPort = parsePort(get('PLAYGROUND_PORT') ?? '56150', 'PLAYGROUND_PORT', problems);
    const playground = get('CI') === 'true' ? false : parseFlag(get('PLAYGROUND') ?? '1', 'PLAYGROUND', problems);
    const cardActionsRaw = (get('CARD_ACTIONS') ?? (playground ? 'submit' : 'messageBack')).toLowerCase();
    const cardActions = cardActionsRaw === 'messageback' ? 'messageBack' : cardActionsRaw === 'submit' ? 'plainSubmit' : undefined;
    if (!cardActions) problems.push(`CARD_ACTIONS="${cardActionsRaw}" must be messageBack or submit.`);
    if (problems.length) throw new ConfigError(problems);
    return {
      ...common,
      mode: 'demo',
      demoAnalyst: demoAnalyst ?? 'soc-lead',
      playground,
      playgroundPort,
      cardActions: cardActions ?? 'messageBack',
    };
  }

  // Production: demo data must be unreachable, whatever else is set.
  if (demoFlag !== undefined && parseFlag(demoFlag, 'DEMO', []) === true) {
    problems.push(
      'DEMO=1 cannot be combined with BOT_ID: a production bot never answers from the simulated tenant. Remove DEMO, or remove BOT_ID to run the demo.',
    );
  }
  for (const key of ['DEMO_ANALYST', 'CARD_ACTIONS']) {
    if (get(key) !== undefined) problems.push(`${key} is a demo-only key and BOT_ID is set: remove ${key}.`);
  }
  if (!isGuid(botId))
    problems.push(
      `BOT_ID="${botId}" is not a GUID: use the Microsoft App ID of the Azure Bot resource (Azure portal → your Azure Bot → Configuration).`,
    );
  const typeRaw = get('BOT_TYPE') ?? 'MultiTenant';
  const type = (['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const).find((t) => t.toLowerCase() === typeRaw.toLowerCase());
  if (!type) problems.push(`BOT_TYPE="${typeRaw}" must be MultiTenant, SingleTenant or UserAssignedMSI.`);
  const password = get('BOT_PASSWORD');
  const tenantId = get('BOT_TENANT_ID');
  if (type === 'UserAssignedMSI' && password !== undefined) {
    problems.push(
      "BOT_PASSWORD must not be set with BOT_TYPE=UserAssignedMSI: the managed identity is the bot's credential. Remove BOT_PASSWORD.",
    );
  }
  if (type !== 'UserAssignedMSI' && password === undefined) {
    problems.push(
      "BOT_PASSWORD is missing: create a client secret on the bot's Entra app registration (Certificates & secrets) and put it in BOT_PASSWORD (in Azure, as a Key Vault reference).",
    );
  }
  if ((type === 'SingleTenant' || type === 'UserAssignedMSI') && tenantId === undefined) {
    problems.push(`BOT_TENANT_ID is missing: a ${type} bot needs the Entra tenant id (Entra admin center → Overview → Tenant ID).`);
  }
  if (tenantId !== undefined && !isGuid(tenantId)) problems.push(`BOT_TENANT_ID="${tenantId}" is not a GUID.`);
  const bot: BotIdentity = {
    id: botId,
    type: type ?? 'MultiTenant',
    ...(password === undefined ? {} : { password }),
    ...(tenantId === undefined ? {} : { tenantId }),
  };
  if (defenderApiUrl !== undefined) checkProductionApiUrl(defenderApiUrl, cloud ?? 'Commercial', get, problems, warnings);
  const production = productionSignInFromEnv(get, bot, problems, warnings);
  if (problems.length) throw new ConfigError(problems);
  return { ...common, mode: 'production', bot, ...production };
}

/**
 * The analysts' delegated tokens go wherever DEFENDER_API_URL points: in production only https and
 * the cloud's own API hosts, unless DEFENDER_API_URL_ANY_HOST=1 says otherwise on purpose (even
 * then, http only on loopback).
 */
function checkProductionApiUrl(
  apiUrl: string,
  cloud: CloudName,
  get: (key: string) => string | undefined,
  problems: string[],
  warnings: string[],
): void {
  const url = new URL(apiUrl);
  const anyHost = parseFlag(get('DEFENDER_API_URL_ANY_HOST') ?? '0', 'DEFENDER_API_URL_ANY_HOST', problems);
  const known = DEFENDER_API_HOSTS[cloud];
  if (!anyHost) {
    if (url.protocol !== 'https:')
      problems.push(`DEFENDER_API_URL must be https in production (analysts' tokens travel with every call), got ${url.protocol}//.`);
    if (!known.includes(url.hostname)) {
      problems.push(
        `DEFENDER_API_URL host ${url.hostname} is not a Defender API host of the ${cloud} cloud (${known.join(', ')}). Remove DEFENDER_API_URL, use one of these, or set DEFENDER_API_URL_ANY_HOST=1 if a proxy of yours really stands in for it.`,
      );
    }
    return;
  }
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
    problems.push(
      'DEFENDER_API_URL must be https unless it is on this machine (127.0.0.1, localhost, [::1]), even with DEFENDER_API_URL_ANY_HOST=1.',
    );
  }
  if (!known.includes(url.hostname))
    warnings.push(
      `DEFENDER_API_URL_ANY_HOST=1: analysts' Defender tokens are sent to ${url.origin}, which is not a ${cloud} Defender API host.`,
    );
}

function parseHost(raw: string, problems: string[]): string {
  if (/^[0-9a-z.:-]+$/i.test(raw) && raw.length <= 253) return raw;
  problems.push(
    `HOST="${raw}" is not an address to listen on: use 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one interface's address.`,
  );
  return '127.0.0.1';
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function parsePort(raw: string, key: string, problems: string[]): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    problems.push(`${key}="${raw}" is not a port number (0-65535).`);
    return 0;
  }
  return n;
}

function parseFlag(raw: string, key: string, problems: string[]): boolean {
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  problems.push(`${key}="${raw}" must be 1 or 0.`);
  return false;
}

function parseApiUrl(raw: string, problems: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`DEFENDER_API_URL="${raw}" is not a URL: use e.g. https://api.security.microsoft.com (without /api).`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`DEFENDER_API_URL must be http(s), got ${url.protocol}`);
    return undefined;
  }
  if (url.search || url.hash) {
    problems.push('DEFENDER_API_URL must not carry a query or fragment.');
    return undefined;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api$/, '')}`;
}
