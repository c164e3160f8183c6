// The production bot for real: `node dist/src/main.js` as a child process (so NODE_EXTRA_CA_CERTS
// trusts the local identity provider before Node starts), with real botbuilder/teams-ai inbound JWT
// checks and outbound app tokens, real @azure/identity on-behalf-of exchanges against the local IdP,
// the simulated Defender tenant checking those tokens (jwt-auth, per-analyst device groups), a fake
// Bot Framework connector and a fake token service. Activities are posted with Bot Framework JWTs
// minted by the IdP, as the Teams channel would send them.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createTlsMaterial } from './identity-provider/tls';
import { compiledBotMain } from './compiled-bot';
import { startIdentityProvider, type BotFrameworkTokenOptions, type IdentityProvider, type IdpUser } from './identity-provider';
import type { SimulatorHandle } from '../../src/simulator';
import { startConnectorSink, type ConnectorSink } from './connector';
import { appTokenVerifier } from './identity/app-token';
import { ADMIN_CONSENT, ANALYST_A, ANALYST_B, ANALYST_C, BOT_APP_ID, BOT_SECRET, USER_PERSONAS } from './identity/fixtures';
import { startJwtSimulator } from './identity/simulator';
import { readFixture } from './repo-root';
import { startTokenService, type FakeTokenService } from './token-service';
import { INHERITED_KEYS_TO_DROP } from './child-env';

export const CONNECTION_NAME = 'defender-sso';

/** Signed in with SSO but nobody consented for them: the on-behalf-of exchange answers AADSTS65001. */
export const ANALYST_NO_CONSENT: IdpUser = {
  oid: 'd4d4d4d4-0000-4000-8000-00000000000d',
  upn: 'dana.noconsent@contoso.com',
  name: 'Dana Noconsent',
};
/** Consented for machines and logons but not Alert.Read (a registration made before the alert commands). */
export const ANALYST_NO_ALERTS: IdpUser = {
  oid: 'a7a7a7a7-0000-4000-8000-00000000000a',
  upn: 'alex.noalerts@contoso.com',
  name: 'Alex Noalerts',
};
/** Channel users: one signs in with the OAuth card, one already has a token at the token service. */
export const CHANNEL_USER: IdpUser = { oid: 'e5e5e5e5-0000-4000-8000-00000000000e', upn: 'eve.channel@contoso.com', name: 'Eve Channel' };
export const RETURNING_USER: IdpUser = {
  oid: 'f6f6f6f6-0000-4000-8000-00000000000f',
  upn: 'finn.returning@contoso.com',
  name: 'Finn Returning',
};

const CONSENTED = [ANALYST_A, ANALYST_B, ANALYST_C, CHANNEL_USER, RETURNING_USER];

export interface PostOptions {
  /** The Authorization header; default a valid Bot Framework token for the bot. `null` sends none. */
  authorization?: string | null;
  /** The activity's serviceUrl; default the fake connector. */
  serviceUrl?: string;
}

export interface ProductionRig {
  idp: IdentityProvider;
  sim: SimulatorHandle;
  connector: ConnectorSink;
  tokenService: FakeTokenService;
  /** http://127.0.0.1:<port> of the bot. */
  url: string;
  /** The bot process's id (the bench reads its memory from /proc). */
  pid: number;
  /** Everything the bot wrote to stdout and stderr, in order. */
  output(): string;
  /** Posts an activity (serviceUrl set to the fake connector); the HTTP status and body. */
  post(activity: Record<string, unknown>, options?: PostOptions): Promise<{ status: number; body: string }>;
  /** A valid channel token, as Teams' Bot Framework channel would send it. */
  channelToken(overrides?: Partial<BotFrameworkTokenOptions>): string;
  /** Another bot process with the same settings (plus `env`), on the same IdP, tenant, connector and token service: a second replica. */
  addReplica(env?: Record<string, string>): Promise<Pick<ProductionRig, 'url' | 'pid' | 'output' | 'post'>>;
  close(): Promise<void>;
}

export interface RigOptions {
  /** Delegated permissions consented on top of the read ones, e.g. the response actions' Machine.Isolate. */
  extraConsentScopes?: readonly string[];
}

export async function startProductionRig(env: Record<string, string> = {}, options: RigOptions = {}): Promise<ProductionRig> {
  const scopes = [...ADMIN_CONSENT.scopes, ...(options.extraConsentScopes ?? [])];
  const idp = await startIdentityProvider({
    clients: [{ clientId: BOT_APP_ID, secrets: [BOT_SECRET] }],
    // Per-user consent, so one analyst can lack it without changing anyone else.
    grants: [
      ...CONSENTED.map((u) => ({ ...ADMIN_CONSENT, scopes, userOid: u.oid })),
      { ...ADMIN_CONSENT, scopes: scopes.filter((s) => s !== 'Alert.Read'), userOid: ANALYST_NO_ALERTS.oid },
    ],
  });
  const sim = await startJwtSimulator(idp, {
    users: {
      ...USER_PERSONAS,
      [ANALYST_NO_CONSENT.oid]: 'soc-lead',
      [ANALYST_NO_ALERTS.oid]: 'soc-lead',
      [CHANNEL_USER.oid]: 'soc-lead',
      [RETURNING_USER.oid]: 'analyst-emea',
    },
  });
  const authorize = appTokenVerifier(idp, BOT_APP_ID);
  const connector = await startConnectorSink({ authorize });
  const tokenServiceTls = await createTlsMaterial('mde-chatops test rig token service');
  const tokenService = await startTokenService({ authorize, exchangeUri: `api://botid-${BOT_APP_ID}`, tls: tokenServiceTls });
  // One CA file for the bot: the IdP's and the token service's.
  const caFile = idp.writeCaFile();
  writeFileSync(caFile, `${readFileSync(caFile, 'utf8').trimEnd()}\n${tokenServiceTls.caPem}`);

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    CI: 'true',
    LOG_LEVEL: 'debug',
    BOT_ID: BOT_APP_ID,
    BOT_PASSWORD: BOT_SECRET,
    BOT_TYPE: 'SingleTenant',
    BOT_TENANT_ID: idp.tenantId,
    OAUTH_CONNECTION_NAME: CONNECTION_NAME,
    DEFENDER_API_URL: sim.url,
    LOCAL_RIG_ENTRA_AUTHORITY_HOST: idp.url,
    LOCAL_RIG_BOTFRAMEWORK_OPENID_METADATA_URL: idp.botFramework.openIdConfigurationUrl,
    LOCAL_RIG_BOTFRAMEWORK_TOKEN_SERVICE_URL: tokenService.url,
    NODE_EXTRA_CA_CERTS: caFile,
    // The rig's stand-ins for Entra ID and the Bot Framework, and the simulated Defender API on http loopback.
    LOCAL_TEST_RIG: '1',
    DEFENDER_API_URL_ANY_HOST: '1',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...env,
  };
  for (const k of [...INHERITED_KEYS_TO_DROP, 'DEMO', 'DEMO_ANALYST', 'CARD_ACTIONS']) {
    if (!(k in env)) delete childEnv[k];
  }
  const closeHelpers = async (): Promise<void> => {
    await connector.close();
    await tokenService.close();
    await sim.close();
    await idp.close();
  };
  const children: ChildProcessWithoutNullStreams[] = [];
  let first: SpawnedBot;
  try {
    first = await spawnBot(childEnv, children);
  } catch (e) {
    await closeHelpers();
    throw e;
  }
  const { url, child, chunks } = first;

  const channelToken: ProductionRig['channelToken'] = (overrides = {}) =>
    idp.mintBotFrameworkToken({ appId: BOT_APP_ID, serviceUrl: connector.url, ...overrides });
  const postTo =
    (base: string): ProductionRig['post'] =>
    async (activity, options = {}) => {
      const authorization = options.authorization === undefined ? `Bearer ${channelToken()}` : options.authorization;
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(authorization === null ? {} : { Authorization: authorization }) },
        body: JSON.stringify({ ...activity, serviceUrl: options.serviceUrl ?? connector.url }),
      });
      return { status: res.status, body: await res.text() };
    };
  return {
    idp,
    sim,
    connector,
    tokenService,
    url,
    pid: child.pid ?? -1,
    output: () => chunks.join(''),
    channelToken,
    post: postTo(url),
    addReplica: async (env = {}) => {
      const replica = await spawnBot({ ...childEnv, ...env }, children);
      return { url: replica.url, pid: replica.child.pid ?? -1, output: () => replica.chunks.join(''), post: postTo(replica.url) };
    },
    close: async () => {
      for (const c of children) {
        // A process a test killed has a signalCode and no exitCode: it is gone too.
        const gone = c.exitCode !== null || c.signalCode !== null;
        const exited = new Promise<void>((resolve) => (gone ? resolve() : c.once('exit', () => resolve())));
        c.kill('SIGTERM');
        const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await closeHelpers();
    },
  };
}

interface SpawnedBot {
  url: string;
  child: ChildProcessWithoutNullStreams;
  chunks: string[];
}

/** Starts `node dist/src/main.js` with `env` and waits for its start-up line. */
async function spawnBot(env: NodeJS.ProcessEnv, children: ChildProcessWithoutNullStreams[]): Promise<SpawnedBot> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [compiledBotMain], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  const chunks: string[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bot did not start within 15 s:\n${chunks.join('')}`)), 15_000);
      const check = (): void => {
        const m = /listening on (http:\/\/\S+)\/api\/messages/.exec(chunks.join(''));
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the bot exited (${String(code)}) before listening:\n${chunks.join('')}`));
      });
    });
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }

  return { url, child, chunks };
}

let nextId = 1;

/** Who sends an activity: Teams user id and Entra object id, as Teams fills `from`. */
export function teamsUser(user: IdpUser): { id: string; name: string; aadObjectId: string } {
  return { id: `29:teams-${user.oid.slice(0, 8)}`, name: user.name ?? user.upn, aadObjectId: user.oid };
}

export interface ConversationSpec {
  id: string;
  type: 'personal' | 'groupChat' | 'channel';
  tenantId: string;
}

export function personalChat(user: IdpUser, tenantId: string): ConversationSpec {
  return { id: `a:personal-${user.oid.slice(0, 8)}`, type: 'personal', tenantId };
}

/** A message as Teams sends it (recorded shapes in test/fixtures/teams), from `user` in `conversation`. */
export function messageFrom(
  user: IdpUser,
  conversation: ConversationSpec,
  text: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const channel = conversation.type === 'channel';
  const base = readFixture(channel ? 'teams/channel-mention-message.json' : 'teams/personal-message.json') as Record<string, unknown>;
  const recipient = base.recipient as { id: string; name: string };
  return {
    ...base,
    id: `prod-${nextId++}`,
    from: teamsUser(user),
    conversation: {
      conversationType: conversation.type,
      tenantId: conversation.tenantId,
      id: conversation.id,
      ...(conversation.type === 'personal' ? {} : { isGroup: true }),
    },
    channelData: { ...(base.channelData as Record<string, unknown>), tenant: { id: conversation.tenantId } },
    // In a channel the bot sees only messages that @mention it.
    text: channel ? `<at>${recipient.name}</at> ${text}` : text,
    entities: channel
      ? [{ type: 'mention', text: `<at>${recipient.name}</at>`, mentioned: { id: recipient.id, name: recipient.name } }]
      : [],
    ...overrides,
  };
}

/** An invoke (signin/tokenExchange, signin/verifyState, signin/failure) from `user` in `conversation`. */
export function invokeFrom(user: IdpUser, conversation: ConversationSpec, name: string, value: unknown): Record<string, unknown> {
  const base = messageFrom(user, conversation, '');
  const { text: _text, textFormat: _format, entities: _entities, attachments: _attachments, ...rest } = base;
  return { ...rest, type: 'invoke', name, value };
}

/** Polls until `find` returns something, or fails after `ms`. */
export async function waitFor<T>(find: () => T | undefined, ms = 5000, what = 'the expected activity'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
