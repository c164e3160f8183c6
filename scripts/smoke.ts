// CI's smoke of a build on the Node running this script (.ci/run runs it on Node 24, the production image's
// Node): the compiled bot as a host starts it, `node <main>` in an empty working folder with nothing but
// environment variables, once with a complete production configuration and once in demo mode.
//   production: it starts, says so, /healthz and /readyz answer, an unauthenticated POST is refused, SIGTERM ends it
//   demo:       `machines for user1` → Details of mymachine1 → "Who logged on", over HTTP, replies at a local connector
//
//   node dist/scripts/smoke.js [--main <path to dist/src/main.js>]
// --main points at another copy of the bot, e.g. one with production dependencies only (what the image ships).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { facts, startSimulator } from '../src/simulator';
import { cardOf, cardText, clickOf, personalMessage, submitActions } from './rig/bot-harness';
import { startConnectorSink, type ConnectorSink } from './rig/connector';

const GUID_APP = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const GUID_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** How long a bot may take to print its listening line (a cold start of the compiled bot takes about a second). */
const START_TIMEOUT_MS = 30_000;

class SmokeFailure extends Error {}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new SmokeFailure(message);
}

interface Bot {
  url: string;
  output(): string;
  /** SIGTERM, then the exit code (null when a signal ended it). */
  stop(): Promise<number | null>;
}

/** `node <main>` in an empty folder (no .env to pick up), the environment cleared of bot settings first. */
async function startBot(main: string, env: Record<string, string>, listening: RegExp): Promise<Bot> {
  const cwd = mkdtempSync(join(tmpdir(), 'mde-chatops-smoke-'));
  const base = { ...process.env };
  for (const k of Object.keys(base))
    if (/^(BOT_|AAD_|DEFENDER_|DEMO|OAUTH_|LOCAL_RIG_|ALLOWED_|PLAYGROUND|NODE_OPTIONS$)/.test(k)) delete base[k];
  const child: ChildProcess = spawn(process.execPath, [main], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(timer);
    rmSync(cwd, { recursive: true, force: true });
    return code;
  };
  try {
    const url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new SmokeFailure(`no listening line within ${START_TIMEOUT_MS} ms:\n${text}`)), START_TIMEOUT_MS);
      const look = (): void => {
        const m = listening.exec(text);
        if (m?.[1] !== undefined) {
          clearTimeout(timer);
          res(m[1]);
        }
      };
      child.stdout?.on('data', look);
      void exited.then((code) => {
        clearTimeout(timer);
        rej(new SmokeFailure(`the bot exited (${String(code)}) before listening:\n${text}`));
      });
    });
    return { url, output: () => text, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

async function production(main: string): Promise<string> {
  const sim = await startSimulator();
  try {
    // The settings of the deployment guide, filled in: what makes this production is BOT_ID.
    const bot = await startBot(
      main,
      {
        PORT: '0',
        BOT_ID: GUID_APP,
        BOT_TYPE: 'SingleTenant',
        BOT_TENANT_ID: GUID_TENANT,
        BOT_PASSWORD: 'smoke-not-a-secret',
        OAUTH_CONNECTION_NAME: 'defender-sso',
        DEFENDER_API_URL: sim.url,
        // The local simulated tenant is http on loopback: production refuses that unless opted in (with a warning).
        DEFENDER_API_URL_ANY_HOST: '1',
      },
      /mde-chatops listening on (http:\/\/\S+)\/api\/messages \(production, bot /,
    );
    let exit: number | null;
    try {
      check(bot.output().includes(`(production, bot ${GUID_APP})`), `the start-up line names production and the bot:\n${bot.output()}`);
      const health = await get(`${bot.url}/healthz`);
      check(health.status === 200 && health.body === '{"status":"ok"}', `/healthz answered ${health.status} ${health.body}`);
      const ready = await get(`${bot.url}/readyz`);
      check(
        ready.status === 200 && (JSON.parse(ready.body) as { ready?: unknown }).ready === true,
        `/readyz answered ${ready.status} ${ready.body}`,
      );
      const anonymous = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(personalMessage('help')),
      });
      await anonymous.text();
      check(anonymous.status === 401, `an unauthenticated POST got ${anonymous.status}, not 401: inbound authentication is off`);
    } finally {
      exit = await bot.stop();
    }
    check(exit === 0, `SIGTERM ended the production bot with exit code ${String(exit)}, not 0`);
    return 'production start-up line, /healthz {"status":"ok"}, /readyz ready, unauthenticated POST 401, SIGTERM exit 0';
  } finally {
    await sim.close();
  }
}

/** Posts `activity` (replies go to the connector) and returns the one message the bot answered with. */
async function exchange(bot: Bot, connector: ConnectorSink, activity: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...activity, serviceUrl: connector.url }),
  });
  await res.text();
  check(res.status === 200, `the bot answered HTTP ${res.status} to "${String(activity.text)}"`);
  const replies = connector.sent.filter((s) => s.replyToId === activity.id && s.activity.type === 'message').map((s) => s.activity);
  check(replies.length === 1, `expected one reply to "${String(activity.text)}", got ${replies.length}`);
  return replies[0] as Record<string, unknown>;
}

async function demoWalk(main: string): Promise<string> {
  const connector = await startConnectorSink();
  try {
    const bot = await startBot(
      main,
      { PORT: '0', PLAYGROUND: '0', CI: 'true', LOG_LEVEL: 'warn' },
      /Bot endpoint:\s+(http:\/\/\S+)\/api\/messages/,
    );
    let exit: number | null;
    try {
      const first = await exchange(bot, connector, personalMessage('machines for user1'));
      const machines = cardOf(first);
      check(
        first.summary === `${facts.USER1_MACHINE_IDS.length} machines for user1`,
        `machines for user1: summary "${String(first.summary)}"`,
      );
      check(cardText(machines).includes('mymachine1.contoso.com'), 'machines for user1: mymachine1.contoso.com is not on the card');
      const details = submitActions(machines).find(
        (a) => a.title === 'Details' && JSON.stringify(a.data.msteams.value).includes(facts.SEED_MACHINE_IDS.mymachine1),
      );
      check(details !== undefined, 'machines for user1: no "Details" button for mymachine1');
      const detailsReply = await exchange(bot, connector, clickOf(details, first));
      const who = submitActions(cardOf(detailsReply)).find((a) => a.title.startsWith('Who logged on'));
      check(who !== undefined, 'details of mymachine1: no "Who logged on" button');
      const second = await exchange(bot, connector, clickOf(who, detailsReply));
      const logons = cardText(cardOf(second));
      const missing = facts.MYMACHINE1_LOGON_USER_IDS.filter((id) => !logons.includes(id.split('\\')[1] ?? id));
      check(missing.length === 0, `Who logged on (mymachine1): ${missing.join(', ')} not listed`);
    } finally {
      exit = await bot.stop();
    }
    check(exit === 0, `SIGTERM ended the demo bot with exit code ${String(exit)}, not 0`);
    return `machines for user1 (${facts.USER1_MACHINE_IDS.length}) → Details → Who logged on mymachine1 (${facts.MYMACHINE1_LOGON_USER_IDS.length} users)`;
  } finally {
    await connector.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--main');
  // Compiled to <outDir>/scripts/smoke.js; the bot to <outDir>/src/main.js.
  const bot = at >= 0 && args[at + 1] !== undefined ? resolve(args[at + 1] as string) : resolve(__dirname, '..', 'src', 'main.js');
  console.log(`smoke: ${bot} on Node ${process.version}`);
  console.log(`smoke: production ok: ${await production(bot)}`);
  console.log(`smoke: demo ok: ${await demoWalk(bot)}`);
}

main().catch((e: unknown) => {
  console.error(
    `smoke FAILED on Node ${process.version}: ${e instanceof SmokeFailure ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
  );
  process.exitCode = 1;
});
