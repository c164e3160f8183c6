// The two processes a UI test talks to, started the way `npm start` starts them: the demo bot
// (`node dist/src/main.js`, simulated Defender tenant included) and Microsoft 365 Agents Playground
// pointed at it. Each on a free loopback port, so a developer's running `npm start` (3978 / 56150)
// is left alone. Both run from a fresh temporary directory, so neither picks up a developer's `.env`
// or Playground configuration file.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../repo-root';

const HOST = '127.0.0.1';

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** If the test process dies, its children go with it. */
function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of running) c.kill('SIGKILL');
  });
}

function collectOutput(child: ChildProcess): () => string {
  let text = '';
  const add = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    if (text.length > 200_000) text = text.slice(-100_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`; then removes its scratch directory. */
function stopper(child: ChildProcess, dir: string, graceMs = 5_000): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** Resolves when `check` returns a value; rejects when the child exits or the time is up. */
function waitFor<T>(
  what: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (err: Error | undefined, value?: T): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value as T);
    };
    const onExit = (code: number | null, signal: string | null): void =>
      finish(new Error(`${what} exited (code ${code}, signal ${signal}) before it was ready. Output:\n${output()}`));
    const timer = setTimeout(() => finish(new Error(`${what} was not ready after ${timeoutMs} ms. Output:\n${output()}`)), timeoutMs);
    child.once('exit', onExit);
    const poll = async (): Promise<void> => {
      while (!done) {
        const value = await check().catch(() => undefined);
        if (value !== undefined) return finish(undefined, value);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    void poll();
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function scratchDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `mde-chatops-${name}-`));
}

export interface BotOptions {
  port?: number;
  /** Extra environment, e.g. { DEMO_ANALYST: 'analyst-emea' }. */
  env?: Record<string, string>;
}

/**
 * The demo bot as `npm start` runs it (compiled dist/src/main.js), with plain Action.Submit buttons
 * (CARD_ACTIONS=submit) because the Playground cannot click messageBack buttons.
 */
export async function startDemoBot(options: BotOptions = {}): Promise<RunningProcess> {
  // This file is compiled to <outDir>/scripts/rig/ui/; the bot to <outDir>/src/main.js.
  const main = [path.resolve(__dirname, '..', '..', '..', 'src', 'main.js'), path.join(repoRoot, 'dist', 'src', 'main.js')].find((p) =>
    fs.existsSync(p),
  );
  if (main === undefined) throw new Error(`no compiled bot (src/main.js) next to ${__dirname}: run "npm run build" first.`);
  const port = options.port ?? (await freePort());
  const cwd = scratchDir('bot');
  const child = spawn(process.execPath, [main], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      PLAYGROUND: '0',
      CARD_ACTIONS: 'submit',
      CI: 'true',
      LOG_LEVEL: 'warn',
      DEMO_ANALYST: 'soc-lead',
      DEFENDER_CLOUD: 'Commercial',
      // Empty means unset for the bot, and dotenv never overrides a key that exists.
      BOT_ID: '',
      BOT_PASSWORD: '',
      BOT_TENANT_ID: '',
      DEFENDER_API_URL: '',
      DEMO: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const output = collectOutput(child);
  const stop = stopper(child, cwd);
  try {
    await waitFor('the demo bot', child, output, 30_000, async () => ((await canConnect(port)) ? true : undefined));
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://${HOST}:${port}`, port, child, output, stop };
}

/**
 * Microsoft 365 Agents Playground (a local Teams-like web client) for the bot at `botUrl`. It moves
 * to a random port when the asked-for one is taken, so the real port is read from its "Listening on"
 * line.
 */
export async function startPlayground(botUrl: string, options: { port?: number } = {}): Promise<RunningProcess> {
  const cli = path.join(repoRoot, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run "npm ci".`);
  const wanted = options.port ?? (await freePort());
  const cwd = scratchDir('playground');
  const child = spawn(
    process.execPath,
    [cli, '--app-endpoint', `${botUrl}/api/messages`, '--channel-id', 'msteams', '--port', String(wanted), '--disable-telemetry'],
    {
      cwd,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BOT_ENDPOINT: `${botUrl}/api/messages` },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  track(child);
  const output = collectOutput(child);
  const stop = stopper(child, cwd);
  let port: number;
  try {
    port = await waitFor('the Agents Playground', child, output, 60_000, async () => {
      const m = /Listening on (\d+)/.exec(output());
      if (!m) return undefined;
      const p = Number(m[1]);
      return (await canConnect(p)) ? p : undefined;
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://${HOST}:${port}`, port, child, output, stop };
}
