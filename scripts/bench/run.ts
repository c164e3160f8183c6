// `npm run bench` → node dist/scripts/bench/run.js [--quick] [--json PATH] …
// What the bot costs on top of Teams and Defender, measured on this machine in one run. Every part is
// its own process: the simulated tenant, our bot, a baseline teams-ai bot, the connector sink and
// the load generator. This file only orchestrates; the figures are defined in report.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Fault } from '../../src/simulator';
import { parseArgs, USAGE, type BenchSettings } from './args';
import type { BaselineApi, BaselineInfo } from './baseline-api';
import { runBurst, type BurstReport } from './burst';
import { calibrate } from './calibrate';
import { calibrateIdentity, identityNotMeasured } from './identity';
import type { LoadgenApi } from './loadgen-api';
import { machineInfo } from './machine';
import { compiledBotMain } from '../rig/compiled-bot';
import { devOnlyInLockfile, forbiddenModules, measureProductionFootprint } from '../rig/production-footprint';
import { repoRoot } from '../rig/repo-root';
import { buildResults, type ProductionIdle } from './report';
import { startChild, type Api, type ChildHandle } from './rpc';
import type { SimChildOptions, SimInfo } from './sim-api';
import type { SinkApi, SinkInfo } from './sink-api';
import { renderTable } from './table';
import { measureThroughput, type ConcurrencyRounds } from './throughput';
import { measureUnsignedFlood, UNSIGNED_FLOOD_MISSING } from './unsigned-flood';

type Bot = ChildHandle<Record<string, never>, { url: string }>;
type Sim = ChildHandle<Record<string, never>, SimInfo>;

/** Budget for throughput runs: the real 100/min would throttle the bot within a second. */
const UNTHROTTLED: SimChildOptions = { perMinute: 1_000_000_000, perHour: 1_000_000_000, clockScale: 1 };
/**
 * The bot enforces the budget itself too (src/resilience): raise its limits to the simulator's. And
 * switch its answer cache off, so every load command is a cold one (calibration keeps the cache on).
 */
const THROUGHPUT_BOT_ENV: Record<string, string> = {
  DEFENDER_RATE_PER_MINUTE: String(UNTHROTTLED.perMinute),
  DEFENDER_RATE_PER_HOUR: String(UNTHROTTLED.perHour),
  RESULT_CACHE_TTL_SECONDS: '0',
  // A few dozen analysts send hundreds of commands a minute each here: lift the per-person limits too.
  DEFENDER_PER_USER_SHARE_PERCENT: '100',
  COMMANDS_PER_USER_PER_MINUTE: String(UNTHROTTLED.perMinute),
};

const script = (name: string): string => join(__dirname, `${name}.js`);
const progress = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The production bot at rest (BOT_ID set, no message yet); NaN figures when it cannot be measured. */
async function measureProductionIdle(settleS: number, progress: (line: string) => void): Promise<ProductionIdle> {
  progress(`Production start: idle memory and modules loaded (${settleS} s after /healthz)…`);
  try {
    const fp = await measureProductionFootprint({ settleMs: settleS * 1000 });
    const forbidden = forbiddenModules(fp.files, compiledBotMain, devOnlyInLockfile(repoRoot));
    for (const f of forbidden) progress(`  production loaded ${f}`);
    return { rssMb: fp.rss / (1024 * 1024), filesLoaded: fp.files.length, demoOrDevFilesLoaded: forbidden.length, settleS };
  } catch (e) {
    progress(`production start could not be measured: ${e instanceof Error ? e.message : String(e)}`);
    return { rssMb: Number.NaN, filesLoaded: Number.NaN, demoOrDevFilesLoaded: Number.NaN, settleS };
  }
}

async function main(settings: BenchSettings): Promise<number> {
  const startedAt = new Date();
  const machine = machineInfo();
  const faults: Fault[] = settings.latencyMs > 0 ? [{ kind: 'latency', ms: settings.latencyMs }] : [];
  const running = new Set<{ stop(): Promise<void> }>();
  const start = async <A extends Api, I>(name: string, options: unknown, execArgv: string[] = []): Promise<ChildHandle<A, I>> => {
    const child = await startChild<A, I>(name, script(name), options, execArgv);
    running.add(child);
    return child;
  };
  const stop = async (...children: Array<{ stop(): Promise<void> }>): Promise<void> => {
    await Promise.all(children.map((c) => c.stop()));
    for (const c of children) running.delete(c);
  };

  try {
    // Memory, not time: measured first, alone, so the other processes' start-up does not share its window.
    const productionIdle = await measureProductionIdle(settings.quick ? 1 : 10, progress);
    // Counts only, no timing: it runs (in this process and one production bot child) alongside the
    // start-up and the demo calibration, and is finished before any measured run starts. A failure
    // leaves its figures missing (NaN), which fails the run like any other missing figure.
    progress('Counting identity-provider calls per command (production bot, local identity provider)…');
    const identityDone = calibrateIdentity(progress).catch((e: unknown) => {
      progress(`identity-provider calls could not be counted: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return identityNotMeasured();
    });
    progress('Starting the connector sink, the simulated tenant and the load generator…');
    const [sink, sim, loadgen] = await Promise.all([
      start<SinkApi, SinkInfo>('sink-child', {}),
      start<Record<string, never>, SimInfo>('sim-child', UNTHROTTLED),
      start<LoadgenApi, null>('loadgen-child', {}),
    ]);
    // Profiles are written when the process exits, one file per process: DIR/<name>.cpuprofile.
    const profileArgs = (name: string): string[] =>
      settings.cpuProfDir === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${resolve(settings.cpuProfDir)}`, `--cpu-prof-name=${name}.cpuprofile`];
    const botEnv = { ...THROUGHPUT_BOT_ENV, ...settings.botEnv };
    const startBot = (name: string): Promise<Bot> => start('bot-child', { simUrl: sim.info.url, env: botEnv }, profileArgs(name));

    progress('Counting Defender calls per command…');
    // The bot's own defaults (cache on): calibration is where the cache's effect is counted.
    const calibrationBot: Bot = await start('bot-child', { simUrl: sim.info.url, env: settings.botEnv }, profileArgs('bot-calibration'));
    const calibration = await calibrate(calibrationBot.info.url, sim.info.url, faults, sink);
    await stop(calibrationBot);
    const callsPerCommand = Number.isFinite(calibration.cold.calls) ? calibration.cold.calls : 1;
    const card = calibration.machinesCard === undefined ? {} : { card: calibration.machinesCard };
    const identity = await identityDone;

    // After the identity count (which uses its own production bot), before any timed run.
    progress(`Unsigned-token flood: ${settings.unsignedFloodRequests} POSTs with forged emulator-style tokens to a production bot…`);
    const unsignedFlood = await measureUnsignedFlood(settings.unsignedFloodRequests).catch((e: unknown) => {
      progress(`the unsigned-token flood could not be measured: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return UNSIGNED_FLOOD_MISSING;
    });

    // A fresh bot and baseline per concurrency: state that grows with every call (the budget gate
    // keeps an hour of call times) must not make later levels pay for earlier ones. --quick runs
    // are too short for that to matter and keep one pair, to stay fast.
    progress(`Throughput: concurrency ${settings.concurrencies.join(', ')}, ${settings.rounds} rounds of bot, baseline and baseline0…`);
    const groups = settings.quick ? [settings.concurrencies] : settings.concurrencies.map((c) => [c]);
    const throughput: ConcurrencyRounds[] = [];
    const peakRssMb: { bot: number; baseline: number; burstBot?: number } = { bot: 0, baseline: 0 };
    let idleRssMb: { bot: number; baseline: number } | undefined;
    let cardBytesBaseline = Number.NaN;
    for (const concurrencies of groups) {
      const name = `c${concurrencies.join('-')}`;
      const [bot, baseline, baseline0] = await Promise.all([
        startBot(`bot-${name}`),
        start<BaselineApi, BaselineInfo>('baseline-child', card, profileArgs(`baseline-${name}`)),
        start<BaselineApi, BaselineInfo>('baseline-child', card, profileArgs(`baseline0-${name}`)),
      ]);
      // Before any load: what the SDKs and our code cost just by being loaded.
      idleRssMb ??= { bot: bot.rssMb(), baseline: baseline.rssMb() };
      // One command each before the rounds: the bot loads its card template engine with its first card
      // (src/cards/template.ts), a once-per-process cost of a second or more on a busy machine that
      // must not land in the first round's measured window.
      for (const url of [bot.info.url, baseline.info.url, baseline0.info.url]) {
        await loadgen.call('closedLoop', {
          url,
          serviceUrl: sink.info.url,
          concurrency: 1,
          warmupMs: 0,
          durationMs: 1,
          text: 'machines for user1',
          analystBase: 900_000_000,
          analysts: 1,
          idPrefix: `prime-${name}`,
        });
        if (settings.primeS > 0) {
          await loadgen.call('closedLoop', {
            url,
            serviceUrl: sink.info.url,
            concurrency: 32,
            warmupMs: 0,
            durationMs: settings.primeS * 1000,
            text: 'machines for user1',
            analystBase: 800_000_000,
            analysts: 128,
            idPrefix: `prime-load-${name}`,
          });
        }
      }
      cardBytesBaseline = baseline.info.cardBytes;
      throughput.push(
        ...(await measureThroughput({
          botUrl: bot.info.url,
          simUrl: sim.info.url,
          faults,
          baselineWaitMs: settings.latencyMs * callsPerCommand,
          baseline,
          baseline0,
          bot,
          sim,
          sink,
          loadgen,
          concurrencies,
          rounds: settings.rounds,
          warmupMs: settings.warmupMs,
          durationMs: settings.durationMs,
          progress,
        })),
      );
      peakRssMb.bot = Math.max(peakRssMb.bot, await bot.peakRssMb());
      peakRssMb.baseline = Math.max(peakRssMb.baseline, await baseline.peakRssMb());
      await stop(bot, baseline, baseline0);
    }
    await stop(sim);

    let burst: BurstReport | null = null;
    if (settings.burst) {
      const b = settings.burst;
      progress(`Burst: ${b.label}…`);
      const burstSim: Sim = await start('sim-child', {
        perMinute: b.perMinute,
        perHour: b.perHour,
        clockScale: b.clockScale,
      } satisfies SimChildOptions);
      const burstBot: Bot = await start('bot-child', { simUrl: burstSim.info.url });
      burst = await runBurst(b, { botUrl: burstBot.info.url, sim: burstSim, faults, sink, loadgen });
      peakRssMb.burstBot = await burstBot.peakRssMb();
      await stop(burstBot, burstSim);
    }
    await stop(sink, loadgen);

    const results = buildResults({
      quick: settings.quick,
      startedAt,
      machine,
      latencyMs: settings.latencyMs,
      rounds: settings.rounds,
      warmupMs: settings.warmupMs,
      durationMs: settings.durationMs,
      baselineWaitMs: settings.latencyMs * callsPerCommand,
      botEnv,
      primeS: settings.primeS,
      calibration,
      identity,
      throughput,
      peakRssMb,
      idleRssMb: idleRssMb ?? { bot: Number.NaN, baseline: Number.NaN },
      productionIdle,
      cardBytes: {
        bot: calibration.machinesCard === undefined ? Number.NaN : Buffer.byteLength(JSON.stringify(calibration.machinesCard)),
        baseline: cardBytesBaseline,
      },
      burst,
      burstExpected: settings.burst !== null,
      unsignedFlood,
    });
    process.stdout.write(`\n${renderTable(results)}\n`);
    if (settings.jsonPath !== undefined) {
      mkdirSync(dirname(resolve(settings.jsonPath)), { recursive: true });
      writeFileSync(settings.jsonPath, `${JSON.stringify(results, null, 2)}\n`);
      progress(`Wrote ${settings.jsonPath}`);
    }
    progress(`Done in ${results.elapsedS} s.`);
    // A missed target is a finding; a missing figure is a broken benchmark.
    return results.missing.length === 0 ? 0 : 1;
  } finally {
    await Promise.all([...running].map((c) => c.stop().catch(() => undefined)));
  }
}

// Several replicas (and Redis): their own, shorter bench (./replicas.ts).
if (process.argv.includes('--replicas') || process.argv.includes('--redis')) {
  void import('./replicas.js').then(({ runReplicaBench }) =>
    runReplicaBench(process.argv.slice(2), progress).then(
      (code) => process.exit(code),
      (e: unknown) => {
        process.stderr.write(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exit(1);
      },
    ),
  );
} else startDefault();

function startDefault(): void {
  let settings: BenchSettings;
  try {
    if (process.argv.includes('--help')) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    settings = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  main(settings).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
