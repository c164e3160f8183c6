// Command line of `npm run bench` (node dist/scripts/bench/run.js [flags]).

export interface BenchSettings {
  quick: boolean;
  jsonPath?: string;
  /** The simulated Defender's fixed latency per call. */
  latencyMs: number;
  concurrencies: number[];
  /** Rounds per concurrency; each runs baseline, bot and baseline0 once, the order rotating. */
  rounds: number;
  warmupMs: number;
  durationMs: number;
  burst: {
    commands: number;
    analysts: number;
    windowMs: number;
    perMinute: number;
    perHour: number;
    clockScale: number;
    label: string;
  } | null;
  /** Extra environment for the throughput bot's loadConfig (--bot-env KEY=VALUE, repeatable). */
  botEnv: Record<string, string>;
  /** Directory for the bot's and the baseline's --cpu-prof output, when profiling. */
  cpuProfDir?: string;
  /** POSTs with unsigned, emulator-shaped tokens sent to a production bot (4000; --quick 400). */
  unsignedFloodRequests: number;
  /**
   * Seconds of load (32 in flight) each fresh bot and baseline serve before the rounds (--prime-s; 0 =
   * one command each). The baseline process also serves baseline0, thousands of requests per round, and
   * gets faster with that volume; priming both brings them to the same steady state (BENCHMARKS.md, issue 17).
   */
  primeS: number;
}

export const USAGE = `usage: node dist/scripts/bench/run.js [--quick] [--json PATH] [--latency-ms N] [--rounds N] [--duration-s N] [--concurrency 1,8,32] [--no-burst] [--bot-env KEY=VALUE]… [--cpu-prof DIR] [--prime-s N]
  --quick        a short run (well under a minute) that checks every figure is produced, not its value
  --json PATH    also write the results as JSON
  --latency-ms   simulated Defender latency per call (default 50)
  --rounds       rounds per concurrency, each running baseline, bot and baseline0 once in rotating order
                 (default 5; --quick 2)
  --duration-s   measured seconds per run, after a warm-up (default 6; --quick 0.8)
  --concurrency  comma-separated in-flight requests (default 1,8,32)
  --no-burst     skip the 30-analyst burst
  --bot-env K=V  extra configuration for the throughput runs' bot (repeatable), e.g. LOG_LEVEL=info to include
                 audit logging, or a raised Defender budget once the bot enforces one itself (the burst
                 always runs the bot with its defaults against the real budget)
  --cpu-prof DIR run the bot and the baseline under node --cpu-prof: DIR/bot-c<N>.cpuprofile, DIR/baseline-c<N>.cpuprofile
                 (summarise with node dist/scripts/bench/profile-summary.js DIR/bot-c8.cpuprofile)
  --prime-s N    before the rounds, N seconds of load (32 in flight) on each fresh bot and baseline, so both
                 start from a warm steady state (default 0: one command each, which loads the template engine)
Identity-provider calls per command are counted once per run against the production bot (BOT_ID set)
and the local identity provider (scripts/rig/production-rig.ts), alongside the Defender-call count.
Before everything else, the production bot's idle memory and loaded files are measured
(scripts/rig/production-footprint.ts; 1 s idle with --quick, 10 s otherwise).`;

export function parseArgs(argv: readonly string[]): BenchSettings {
  const quick = argv.includes('--quick');
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    return v;
  };
  const number = (flag: string, fallback: number, min: number): number => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new Error(`${flag} must be a number ≥ ${min}, got "${raw}"\n${USAGE}`);
    return n;
  };
  const known = new Set([
    '--quick',
    '--json',
    '--latency-ms',
    '--rounds',
    '--duration-s',
    '--concurrency',
    '--no-burst',
    '--bot-env',
    '--cpu-prof',
    '--prime-s',
    '--help',
  ]);
  for (const a of argv) if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown flag ${a}\n${USAGE}`);

  const concurrencies = (value('--concurrency') ?? '1,8,32').split(',').map((s) => Number(s));
  if (concurrencies.some((c) => !Number.isSafeInteger(c) || c < 1)) throw new Error(`--concurrency must list positive integers\n${USAGE}`);
  const botEnv: Record<string, string> = {};
  argv.forEach((a, i) => {
    if (a !== '--bot-env') return;
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(argv[i + 1] ?? '');
    if (!match?.[1] || match[2] === undefined) throw new Error(`--bot-env needs KEY=VALUE, got "${argv[i + 1] ?? ''}"\n${USAGE}`);
    botEnv[match[1]] = match[2];
  });
  const jsonPath = value('--json');
  const cpuProfDir = value('--cpu-prof');
  return {
    quick,
    ...(jsonPath === undefined ? {} : { jsonPath }),
    ...(cpuProfDir === undefined ? {} : { cpuProfDir }),
    botEnv,
    latencyMs: number('--latency-ms', 50, 0),
    concurrencies,
    rounds: Math.round(number('--rounds', quick ? 2 : 5, 1)),
    warmupMs: quick ? 200 : 1000,
    durationMs: number('--duration-s', quick ? 0.8 : 6, 0.2) * 1000,
    unsignedFloodRequests: quick ? 400 : 4000,
    primeS: number('--prime-s', 0, 0),
    burst: argv.includes('--no-burst')
      ? null
      : quick
        ? // The real budget (100/min per endpoint) and minute, both scaled by 1/10: the simulator's clock
          // runs 10× fast, so its 60 s window is 6 real seconds, and 10 calls fit in it.
          {
            commands: 30,
            analysts: 3,
            windowMs: 6_000,
            perMinute: 10,
            perHour: 150,
            clockScale: 10,
            label:
              "30 commands by 3 analysts over 6 s; simulator budget scaled to 10 calls per 6 s per endpoint (its clock ×10); the bot's own limiter keeps real time and 100/min, so it cannot see this scaled budget coming",
          }
        : {
            commands: 300,
            analysts: 30,
            windowMs: 60_000,
            perMinute: 100,
            perHour: 1500,
            clockScale: 1,
            label: '300 commands by 30 analysts over 60 s; real budget 100 calls/min, 1500/h per endpoint',
          },
  };
}
