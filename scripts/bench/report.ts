// Turns the measurements into the figures the issue asks for: medians, targets, a completeness check.
import { loadavg } from 'node:os';
import type { BurstReport } from './burst';
import type { Calibration } from './calibrate';
import type { IdentityCalibration, IdentityStep } from './identity';
import type { UnsignedFloodReport } from './unsigned-flood';
import type { MachineInfo } from './machine';
import { median, round } from './stats';
import type { ConcurrencyRounds, Contestant } from './throughput';

type PerConcurrency<T> = Record<string, T>;
interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface Target {
  name: string;
  target: string;
  value: string;
  pass: boolean;
}

export interface BenchResults {
  quick: boolean;
  startedAt: string;
  elapsedS: number;
  machine: MachineInfo & { loadAverageAtEnd: number[] };
  settings: {
    defenderLatencyMs: number;
    rounds: number;
    warmupS: number;
    durationS: number;
    concurrencies: number[];
    baselineWaitMs: number;
    command: string;
    botEnv: Record<string, string>;
    /** Seconds of load each fresh bot and baseline served before the rounds (0: one command). */
    primeS: number;
  };
  definitions: Record<string, string>;
  throughputRatio: PerConcurrency<number>;
  p99AddedMs: PerConcurrency<number>;
  /** Lowest and highest per-round ratio: how noisy the machine was. */
  throughputRatioRange: PerConcurrency<[number, number]>;
  throughputRatioVsBaseline0: PerConcurrency<number>;
  p99AddedLiteralMs: PerConcurrency<number>;
  rps: PerConcurrency<Record<Contestant, number>>;
  latencyMs: PerConcurrency<Record<Contestant, Percentiles>>;
  defenderCallsPerCommand: { cold: number; warmRepeat: number; drillDown: number; hostLookup: number };
  defenderRequestsPerCommand: Record<
    'cold' | 'warmRepeat' | 'drillDown' | 'hostLookup',
    { requests: string[]; replySummary: string | null }
  >;
  /** CPU ms per request of each process under test, and of the simulated tenant during bot runs. */
  cpuMsPerRequest: PerConcurrency<{ bot: number; baseline: number; baseline0: number; simulator: number }>;
  /** Median over rounds of (bot CPU per request ÷ baseline CPU per request), see DEFINITIONS. */
  cpuPerRequestRatio: PerConcurrency<number>;
  /** Defender calls per request during the bot's load runs (the cold command: expected = cold). */
  defenderCallsPerLoadRequest: PerConcurrency<number>;
  /** Requests the production bot made to the identity provider per command (see DEFINITIONS). */
  identityProviderCallsPerCommand: {
    cold: number;
    warmRepeat: number;
    drillDown: number;
    hostLookup: number;
    signInPrompt: number;
    firstAnalystAfterStart: number;
    note: string;
  };
  /** What those requests were, per IdP endpoint (token requests per grant), and Defender calls in production mode as a cross-check. */
  identityProviderRequestsPerCommand: Record<
    'startUp' | 'firstAnalystAfterStart' | 'signInPrompt' | 'cold' | 'warmRepeat' | 'drillDown' | 'hostLookup',
    { byEndpoint: Record<string, number>; defenderCalls: number; replySummary: string | null }
  >;
  peakRssMb: { bot: number; baseline: number; burstBot?: number };
  /** VmRSS after start-up and calibration, before any load. */
  idleRssMb: { bot: number; baseline: number };
  /** The production bot (BOT_ID set) at rest before its first message (see DEFINITIONS). */
  productionIdle: ProductionIdle;
  cardBytes: { bot: number; baseline: number };
  loadErrors: { requestErrors: number; missingReplies: number; throttledReplies: number };
  burst: BurstReport | null;
  /** Unsigned, emulator-shaped tokens with a new tid each, POSTed to a production bot (see DEFINITIONS). */
  unsignedFlood: UnsignedFloodReport;
  targets: Target[];
  /** Figures that were not produced (NaN or absent): a bench failure, not a missed target. */
  missing: string[];
}

export interface ProductionIdle {
  rssMb: number;
  /** Files in require.cache: our compiled code and node_modules. */
  filesLoaded: number;
  /** Of those, files production must never load: simulator, scripts/, test/, dev-only packages. */
  demoOrDevFilesLoaded: number;
  settleS: number;
}

export const DEFINITIONS: Record<string, string> = {
  unsignedFlood:
    'N POSTs (4000; --quick 400) to the production bot (BOT_ID set, test/helpers/production-rig.ts) with unsigned tokens shaped like botbuilder emulator tokens (Entra issuer, appid = aud = BOT_ID), each with a tid never seen before, 16 at a time, after a warm-up of 200, the bot running with --max-old-space-size=128 (so that V8 collects garbage instead of growing its heap, and RSS shows what is retained; a bot that retains dies). retainedGrowthMb = VmRSS 3 s after the last answer minus VmRSS before the flood',
  throughputRatio:
    'median over rounds of (bot req/s ÷ baseline req/s) at that concurrency; the baseline is the static-card teams-ai bot on our adapter, waiting Defender latency × Defender calls per command before it answers (Teams + Defender time, nothing else)',
  p99AddedMs:
    'median over rounds of (bot p99 − baseline p99) at that concurrency. The baseline waits Defender latency × Defender calls per command, so this is "bot p99 − Teams-only p99 − Defender latency × calls", measured at a comparable request rate: the tail latency our code adds on top of Teams and of the simulated Defender latency (the bot\'s own HTTP round trip to Defender counts as ours)',
  p99AddedLiteralMs:
    "for reference: median over rounds of (bot p99 − baseline0 p99 − Defender latency × calls per command), the arithmetic version. baseline0 answers 5–50× more requests per second at the same concurrency, so on a small machine its p99 carries more queueing than the bot's and this figure understates what the bot adds at c ≥ 8",
  throughputRatioVsBaseline0:
    'for reference only: bot req/s ÷ the no-wait baseline; dominated by Defender latency at low concurrency, so no target applies',
  latency:
    'HTTP POST /api/messages until its response, which botbuilder sends after the turn (replies delivered to the connector included); nearest-rank percentiles over the measured window; medians over rounds',
  defenderCallsPerCommand:
    'requests in the simulator\'s call log while one command runs: cold = `machines for user1` by a new analyst; warmRepeat = the same analyst repeating it; drillDown = clicking that card\'s first "Who logged on"; hostLookup = `machine mymachine1.contoso.com`',
  identityProviderCallsPerCommand:
    'HTTPS requests the bot made to the local identity provider (scripts/rig/identity-provider) while one command ran, through the real bot in production mode (BOT_ID set, scripts/rig/production-rig.ts: inbound Bot Framework JWT checks, app token for replies, Teams SSO + on-behalf-of with @azure/identity), bot defaults (cache on). One analyst (soc-lead), after another analyst has signed in first: signInPrompt = a command before sign-in (answered with the OAuth card); cold = the signin/tokenExchange invoke and the waiting `machines for user1` it runs, i.e. the first command after sign-in; warmRepeat = the same command again; drillDown = that card\'s first "Who logged on"; hostLookup = `machine mymachine1.contoso.com`. firstAnalystAfterStart = prompt + exchange + command of the first analyst after the bot started, which also pays the process-wide one-offs (Bot Framework signing keys, the bot\'s app token)',
  cpuMsPerRequest:
    'user + system CPU time of the process during a run ÷ requests sent in it (process.cpuUsage() in the child); simulator = the simulated tenant during bot runs, which competes for the same cores',
  cpuPerRequestRatio:
    "median over rounds of (bot CPU ms per request ÷ baseline CPU ms per request) at that concurrency, both from the same round: what our code costs per command relative to a teams-ai bot that only answers a static card. The simulated tenant's CPU is not in the bot's figure (it runs in its own process); it is reported next to it as cpuMsPerRequest.simulator",
  productionIdle:
    'node <outDir>/src/main.js with a complete production configuration (BOT_ID set; scripts/rig/production-footprint.ts), idle for settleS seconds after /healthz answered: process.memoryUsage().rss and the files in require.cache. From a pruned install (npm prune --omit=dev) this is what ships; in a full install dev-only packages would show up as demoOrDevFilesLoaded',
  peakRssMb: 'VmHWM (peak resident set) of the process from /proc/<pid>/status at the end of its phase',
  burst:
    'open loop, commands sent at fixed times; answered = HTTP 200 and a card reply (in the turn, or delivered later after a "still working" message); maxCallsPerMinPerEndpoint = most requests (refused included) an endpoint received in any sliding 60 s of the simulator clock; userVisible429 = replies whose summary is the throttled card\'s "Defender is busy…"',
};

export interface ReportInput {
  quick: boolean;
  startedAt: Date;
  machine: MachineInfo;
  latencyMs: number;
  rounds: number;
  warmupMs: number;
  durationMs: number;
  baselineWaitMs: number;
  botEnv: Record<string, string>;
  primeS: number;
  calibration: Calibration;
  identity: IdentityCalibration;
  throughput: ConcurrencyRounds[];
  peakRssMb: { bot: number; baseline: number; burstBot?: number };
  idleRssMb: { bot: number; baseline: number };
  productionIdle: ProductionIdle;
  cardBytes: { bot: number; baseline: number };
  burst: BurstReport | null;
  burstExpected: boolean;
  unsignedFlood: UnsignedFloodReport;
}

export function buildResults(input: ReportInput): BenchResults {
  const { calibration: cal } = input;
  const callsPerCommand = Number.isFinite(cal.cold.calls) ? cal.cold.calls : Number.NaN;
  const key = (c: number): string => `c${c}`;
  const per = <T>(f: (c: ConcurrencyRounds) => T): PerConcurrency<T> =>
    Object.fromEntries(input.throughput.map((c) => [key(c.concurrency), f(c)]));
  const med = (c: ConcurrencyRounds, f: (r: ConcurrencyRounds['rounds'][number]) => number, digits = 2): number =>
    round(median(c.rounds.map(f)), digits);
  const pct = (c: ConcurrencyRounds, who: Contestant): Percentiles => ({
    p50: med(c, (r) => r[who].latencyMs.p50),
    p95: med(c, (r) => r[who].latencyMs.p95),
    p99: med(c, (r) => r[who].latencyMs.p99),
  });
  const allRuns = input.throughput.flatMap((c) => c.rounds.flatMap((r) => [r.bot, r.baseline, r.baseline0]));

  const results: BenchResults = {
    quick: input.quick,
    startedAt: input.startedAt.toISOString(),
    elapsedS: round((Date.now() - input.startedAt.getTime()) / 1000, 1),
    machine: { ...input.machine, loadAverageAtEnd: loadavg().map((x) => round(x, 2)) },
    settings: {
      defenderLatencyMs: input.latencyMs,
      rounds: input.rounds,
      warmupS: input.warmupMs / 1000,
      durationS: input.durationMs / 1000,
      concurrencies: input.throughput.map((c) => c.concurrency),
      baselineWaitMs: input.baselineWaitMs,
      command: '`machines for user1`, cycling through max(32, 4 × concurrency) analysts, bot cache off (cold commands)',
      botEnv: input.botEnv,
      primeS: input.primeS,
    },
    definitions: DEFINITIONS,
    throughputRatio: per((c) => med(c, (r) => r.bot.rps / r.baseline.rps, 3)),
    p99AddedMs: per((c) => med(c, (r) => r.bot.latencyMs.p99 - r.baseline.latencyMs.p99)),
    throughputRatioRange: per((c) => {
      const ratios = c.rounds.map((r) => r.bot.rps / r.baseline.rps);
      return [round(Math.min(...ratios), 3), round(Math.max(...ratios), 3)];
    }),
    throughputRatioVsBaseline0: per((c) => med(c, (r) => r.bot.rps / r.baseline0.rps, 3)),
    p99AddedLiteralMs: per((c) => med(c, (r) => r.bot.latencyMs.p99 - r.baseline0.latencyMs.p99 - input.latencyMs * callsPerCommand)),
    rps: per((c) => ({
      bot: med(c, (r) => r.bot.rps, 1),
      baseline: med(c, (r) => r.baseline.rps, 1),
      baseline0: med(c, (r) => r.baseline0.rps, 1),
    })),
    latencyMs: per((c) => ({ bot: pct(c, 'bot'), baseline: pct(c, 'baseline'), baseline0: pct(c, 'baseline0') })),
    defenderCallsPerCommand: {
      cold: cal.cold.calls,
      warmRepeat: cal.warmRepeat.calls,
      drillDown: cal.drillDown.calls,
      hostLookup: cal.hostLookup.calls,
    },
    defenderRequestsPerCommand: {
      cold: { requests: cal.cold.requests, replySummary: cal.cold.summary },
      warmRepeat: { requests: cal.warmRepeat.requests, replySummary: cal.warmRepeat.summary },
      drillDown: { requests: cal.drillDown.requests, replySummary: cal.drillDown.summary },
      hostLookup: { requests: cal.hostLookup.requests, replySummary: cal.hostLookup.summary },
    },
    cpuMsPerRequest: per((c) => ({
      bot: med(c, (r) => r.bot.cpuMsPerRequest, 3),
      baseline: med(c, (r) => r.baseline.cpuMsPerRequest, 3),
      baseline0: med(c, (r) => r.baseline0.cpuMsPerRequest, 3),
      simulator: med(c, (r) => r.bot.simCpuMsPerRequest ?? Number.NaN, 3),
    })),
    cpuPerRequestRatio: per((c) => med(c, (r) => r.bot.cpuMsPerRequest / r.baseline.cpuMsPerRequest, 3)),
    defenderCallsPerLoadRequest: per((c) => med(c, (r) => r.bot.defenderCallsPerRequest ?? Number.NaN, 3)),
    identityProviderCallsPerCommand: {
      cold: input.identity.cold.calls,
      warmRepeat: input.identity.warmRepeat.calls,
      drillDown: input.identity.drillDown.calls,
      hostLookup: input.identity.hostLookup.calls,
      signInPrompt: input.identity.signInPrompt.calls,
      firstAnalystAfterStart: input.identity.firstAnalystAfterStart.calls,
      note: `production mode against the local identity provider; analyst ${input.identity.analyst}`,
    },
    identityProviderRequestsPerCommand: {
      startUp: identityDetail(input.identity.startUp),
      firstAnalystAfterStart: identityDetail(input.identity.firstAnalystAfterStart),
      signInPrompt: identityDetail(input.identity.signInPrompt),
      cold: identityDetail(input.identity.cold),
      warmRepeat: identityDetail(input.identity.warmRepeat),
      drillDown: identityDetail(input.identity.drillDown),
      hostLookup: identityDetail(input.identity.hostLookup),
    },
    peakRssMb: {
      bot: round(input.peakRssMb.bot, 1),
      baseline: round(input.peakRssMb.baseline, 1),
      ...(input.peakRssMb.burstBot === undefined ? {} : { burstBot: round(input.peakRssMb.burstBot, 1) }),
    },
    idleRssMb: { bot: round(input.idleRssMb.bot, 1), baseline: round(input.idleRssMb.baseline, 1) },
    productionIdle: { ...input.productionIdle, rssMb: round(input.productionIdle.rssMb, 1) },
    cardBytes: input.cardBytes,
    loadErrors: {
      requestErrors: allRuns.reduce((s, r) => s + r.errors, 0),
      missingReplies: allRuns.reduce((s, r) => s + r.missingReplies, 0),
      throttledReplies: allRuns.reduce((s, r) => s + r.throttledReplies, 0),
    },
    burst: input.burst,
    unsignedFlood: input.unsignedFlood,
    targets: [],
    missing: [],
  };
  results.targets = targets(results);
  results.missing = missingFigures(results, input.burstExpected);
  return results;
}

function identityDetail(s: IdentityStep): { byEndpoint: Record<string, number>; defenderCalls: number; replySummary: string | null } {
  return { byEndpoint: s.byEndpoint, defenderCalls: s.defenderCalls, replySummary: s.summary };
}

function targets(r: BenchResults): Target[] {
  const out: Target[] = [];
  const fmt = (x: number): string => (Number.isFinite(x) ? String(x) : 'missing');
  for (const [c, ratio] of Object.entries(r.throughputRatio))
    out.push({ name: `throughput ratio ${c}`, target: '≥ 0.9', value: fmt(ratio), pass: ratio >= 0.9 });
  // Issue 17: < 10 ms at c1 and c8, < 30 ms from c32 up (a queue of 32 on two cores).
  for (const [c, added] of Object.entries(r.p99AddedMs)) {
    const limit = Number(c.slice(1)) >= 32 ? 30 : 10;
    out.push({ name: `p99 added ${c}`, target: `< ${limit} ms`, value: `${fmt(added)} ms`, pass: added < limit });
  }
  // Issue 17: at c8 and c32; at c1 the fixed per-process costs (timers, GC) weigh more than the command.
  for (const [c, ratio] of Object.entries(r.cpuPerRequestRatio))
    if (Number(c.slice(1)) >= 8) out.push({ name: `CPU per request ratio ${c}`, target: '≤ 1.5', value: fmt(ratio), pass: ratio <= 1.5 });
  const d = r.defenderCallsPerCommand;
  out.push({ name: 'Defender calls, warm repeat', target: '0', value: fmt(d.warmRepeat), pass: d.warmRepeat === 0 });
  out.push({ name: 'Defender calls, drill-down', target: '1', value: fmt(d.drillDown), pass: d.drillDown === 1 });
  out.push({ name: 'Defender calls, host lookup', target: '≤ 2', value: fmt(d.hostLookup), pass: d.hostLookup <= 2 });
  const p = r.productionIdle;
  out.push({ name: 'production idle RSS', target: '≤ 130 MB', value: `${fmt(p.rssMb)} MB`, pass: p.rssMb <= 130 });
  const demoOrDev = p.demoOrDevFilesLoaded;
  out.push({ name: 'production: demo/dev files loaded', target: '0', value: fmt(demoOrDev), pass: demoOrDev === 0 });
  const f = r.unsignedFlood;
  const refused = f.statuses['401'] ?? 0;
  out.push({ name: 'unsigned flood: all 401', target: `${f.requests}`, value: `${refused}`, pass: refused === f.requests && f.aliveAfter });
  out.push({
    name: 'unsigned flood: retained growth',
    target: '< 120 MB',
    value: `${fmt(f.retainedGrowthMb)} MB`,
    pass: f.retainedGrowthMb < 120,
  });
  const b = r.burst;
  if (b) {
    const maxSeen = Math.max(...Object.values(b.maxCallsPerMinPerEndpoint));
    out.push({ name: 'burst: all answered', target: `${b.commands}`, value: `${b.answered}`, pass: b.answered === b.commands });
    out.push({
      name: 'burst: calls/min per endpoint',
      target: `≤ ${b.limitPerMinute}`,
      value: `${maxSeen}`,
      pass: maxSeen <= b.limitPerMinute,
    });
    out.push({ name: 'burst: user-visible 429s', target: '0', value: `${b.userVisible429}`, pass: b.userVisible429 === 0 });
  }
  return out;
}

/** Every figure the issue asks for must be a finite number. */
function missingFigures(r: BenchResults, burstExpected: boolean): string[] {
  const figures: Array<[string, unknown]> = [];
  for (const [c, v] of Object.entries(r.throughputRatio)) figures.push([`throughputRatio.${c}`, v]);
  for (const [c, v] of Object.entries(r.p99AddedMs)) figures.push([`p99AddedMs.${c}`, v]);
  for (const [c, byWho] of Object.entries(r.latencyMs))
    for (const [who, p] of Object.entries(byWho)) for (const [q, v] of Object.entries(p)) figures.push([`latencyMs.${c}.${who}.${q}`, v]);
  for (const [k, v] of Object.entries(r.defenderCallsPerCommand)) figures.push([`defenderCallsPerCommand.${k}`, v]);
  for (const [c, byWho] of Object.entries(r.cpuMsPerRequest))
    for (const [who, v] of Object.entries(byWho)) figures.push([`cpuMsPerRequest.${c}.${who}`, v]);
  for (const [c, v] of Object.entries(r.cpuPerRequestRatio)) figures.push([`cpuPerRequestRatio.${c}`, v]);
  for (const [k, v] of Object.entries(r.identityProviderCallsPerCommand))
    if (k !== 'note') figures.push([`identityProviderCallsPerCommand.${k}`, v]);
  figures.push(['peakRssMb.bot', r.peakRssMb.bot], ['peakRssMb.baseline', r.peakRssMb.baseline]);
  for (const [k, v] of Object.entries(r.productionIdle)) figures.push([`productionIdle.${k}`, v]);
  figures.push(
    ['unsignedFlood.requests', r.unsignedFlood.requests],
    ['unsignedFlood.rssBeforeMb', r.unsignedFlood.rssBeforeMb],
    ['unsignedFlood.retainedGrowthMb', r.unsignedFlood.retainedGrowthMb],
  );
  if (burstExpected) {
    const b = r.burst;
    figures.push(['burst.commands', b?.commands], ['burst.answered', b?.answered], ['burst.userVisible429', b?.userVisible429]);
    for (const [k, v] of Object.entries(b?.maxCallsPerMinPerEndpoint ?? { any: undefined }))
      figures.push([`burst.maxCallsPerMinPerEndpoint.${k}`, v]);
  }
  if (Object.keys(r.throughputRatio).length === 0) figures.push(['throughputRatio', undefined]);
  return figures.filter(([, v]) => typeof v !== 'number' || !Number.isFinite(v)).map(([name]) => name);
}
