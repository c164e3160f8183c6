// The production bot at rest: `node <outDir>/src/main.js` with a complete, valid-looking production
// configuration (nothing is contacted before the first message), started in an empty working
// directory (no .env) with a clean environment. After /healthz answers and the process has idled,
// module-list-hook.ts reports what it loaded and its memory. Used by the benchmark (figures) and by
// the tests (which modules: never the simulator, a rig, the bench or a build tool).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { compiledBotMain } from './compiled-bot';
import type { FootprintSnapshot } from './module-list-hook';

/** A complete production configuration that needs no Azure until a message arrives. */
export const IDLE_PRODUCTION_ENV: Readonly<Record<string, string>> = {
  BOT_ID: '0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b',
  BOT_PASSWORD: 'footprint-not-a-real-secret',
  BOT_TYPE: 'SingleTenant',
  BOT_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  OAUTH_CONNECTION_NAME: 'defender-sso',
  LOG_LEVEL: 'info',
};

export interface FootprintOptions {
  /** The compiled entry point; default the one next to this build. */
  main?: string;
  /** How long the bot idles after /healthz answered before it is measured. */
  settleMs?: number;
  /** Added to IDLE_PRODUCTION_ENV. */
  env?: Record<string, string>;
}

export interface Footprint extends FootprintSnapshot {
  /** Status and body of GET /healthz. */
  healthz: { status: number; body: string };
  /** The bot's stdout and stderr. */
  output: string;
}

export async function measureProductionFootprint(options: FootprintOptions = {}): Promise<Footprint> {
  const main = options.main ?? compiledBotMain;
  const hook = join(__dirname, 'module-list-hook.js');
  const dir = mkdtempSync(join(tmpdir(), 'footprint-'));
  const outFile = join(dir, 'snapshot.json');
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '', PORT: '0', ...IDLE_PRODUCTION_ENV, ...options.env };
  env['FOOTPRINT_OUT'] = outFile;
  const child = spawn(process.execPath, ['--require', hook, main], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bot did not start within 20 s:\n${chunks.join('')}`)), 20_000);
      child.stdout.on('data', () => {
        const m = /listening on (http:\/\/\S+)\/api\/messages/.exec(chunks.join(''));
        if (m?.[1] === undefined) return;
        clearTimeout(timer);
        resolve(m[1]);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the bot exited (${String(code)}) before listening:\n${chunks.join('')}`));
      });
    });
    const res = await fetch(`${url}/healthz`);
    const healthz = { status: res.status, body: await res.text() };
    await new Promise((r) => setTimeout(r, options.settleMs ?? 5_000));
    child.kill('SIGUSR2');
    const deadline = Date.now() + 5_000;
    while (!existsSync(outFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const snapshot = JSON.parse(readFileSync(outFile, 'utf8')) as FootprintSnapshot;
    // The hook is the instrument, not part of the bot.
    return { ...snapshot, files: snapshot.files.filter((f) => f !== hook), healthz, output: chunks.join('') };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `…/node_modules/@scope/name/…` → `@scope/name` (the innermost package); our own compiled files → undefined. */
export function packageOf(file: string): string | undefined {
  const key = lockKeyOf(file);
  return key === undefined ? undefined : key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** The package-lock.json key of the package a file belongs to: `node_modules/a/node_modules/@s/b`. */
export function lockKeyOf(file: string): string | undefined {
  return /node_modules\/(?:(?:@[^/]+\/)?[^/]+\/node_modules\/)*(?:@[^/]+\/)?[^/]+(?=\/)/.exec(file.split(sep).join('/'))?.[0];
}

/**
 * Loaded files that production must never load: anything compiled from scripts/ or test/, the
 * simulated tenant and the demo-only parts of src/app, and any package `npm ci --omit=dev` leaves
 * out (`devOnly(lock key)`; a devDependency that is also a production package's dependency stays).
 */
export function forbiddenModules(files: readonly string[], main: string, devOnly: (lockKey: string) => boolean): string[] {
  const outDir = dirname(dirname(main)); // <outDir>/src/main.js
  const demoOnly = [
    join('src', 'simulator') + sep,
    join('src', 'app', 'demo-backend.js'),
    join('src', 'app', 'playground.js'),
    `scripts${sep}`,
    `test${sep}`,
  ];
  return files.filter((f) => {
    const key = lockKeyOf(f);
    if (key !== undefined) return devOnly(key);
    const rel = relative(outDir, f);
    return demoOnly.some((d) => rel.startsWith(d));
  });
}

/** Whether package-lock.json at `root` marks a package (by lock key) as left out by `npm ci --omit=dev`. */
export function devOnlyInLockfile(root: string): (lockKey: string) => boolean {
  type Entry = { dev?: boolean; devOptional?: boolean };
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Entry> };
  return (key) => lock.packages[key]?.dev === true || lock.packages[key]?.devOptional === true;
}
