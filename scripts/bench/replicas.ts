// `npm run bench -- --replicas 3 --redis`: several bot processes behind a round-robin balancer
// (scripts/rig/replicas.ts), on one redis-server or each on its own memory, against the simulated
// tenant with a fixed latency. For each set-up and concurrency, a closed loop of commands over HTTP
// for a fixed time: throughput, p50/p99 of the HTTP turn, Redis round trips per command (the
// server's own command counters), and per command the replicas' and redis-server's CPU and how long
// the replicas waited for a core. "Added by Redis" = the same replicas with REDIS_URL minus without;
// the single process without Redis is the reference.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { personalMessage } from '../rig/bot-harness';
import { startReplicaSet, type ReplicaSet } from '../rig/replicas';

interface Run {
  setup: string;
  concurrency: number;
  commands: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Every round's latencies together (the aggregate row), for a p99 over several thousand commands. */
  latencies: number[];
  redisCallsPerCommand: number | undefined;
  /** CPU time of the bot processes (all replicas, user + system) per command, ms. */
  botCpuMs: number;
  /** redis-server's CPU time per command, ms (undefined without Redis). */
  redisCpuMs: number | undefined;
  /** How long the replicas' main threads waited for a core (runnable, not running) per command, ms. */
  botRunQueueMs: number;
  /** Times a replica's main thread was taken off a core while it could still run (preempted), per command. */
  botPreemptions: number;
}

/** The budget is not under test here: lift it, and every command is a cold one (no cache). */
const UNTHROTTLED_ENV = {
  DEFENDER_RATE_PER_MINUTE: '1000000000',
  DEFENDER_RATE_PER_HOUR: '1000000000',
  DEFENDER_PER_USER_SHARE_PERCENT: '100',
  COMMANDS_PER_USER_PER_MINUTE: '1000000000',
  RESULT_CACHE_TTL_SECONDS: '0',
  LOG_LEVEL: 'warn',
};

export async function runReplicaBench(argv: readonly string[], progress: (line: string) => void): Promise<number> {
  const value = (flag: string, fallback: string): string => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
  };
  const quick = argv.includes('--quick');
  const replicas = Number(value('--replicas', '3'));
  const durationMs = Number(value('--duration-s', quick ? '1' : '8')) * 1000;
  const latencyMs = Number(value('--latency-ms', '50'));
  // --cache-ttl-s N: the answer cache on (each bench analyst repeats a question every 30 commands), to count its round trips.
  const env = { ...UNTHROTTLED_ENV, RESULT_CACHE_TTL_SECONDS: value('--cache-ttl-s', '0') };
  const concurrencies = value('--concurrency', '1,8').split(',').map(Number);
  const setups: Array<{ name: string; replicas: number; redis: boolean }> = [
    { name: '1 process, in memory', replicas: 1, redis: false },
    { name: `${replicas} replicas, in memory (no shared budget)`, replicas, redis: false },
    { name: `${replicas} replicas on one Redis`, replicas, redis: true },
  ];
  if (!argv.includes('--redis')) setups.pop();
  const rounds = Number(value('--rounds', quick ? '1' : '3'));
  // --cpu-prof DIR: every replica under node --cpu-prof (profiles written when it stops, SIGTERM).
  const profDir = argv.includes('--cpu-prof') ? value('--cpu-prof', '') : '';
  const loadAtStart = loadAverage();
  const all: Run[] = [];
  // With --cpu-prof: every command a set-up's replicas answered over their life (warm-up and counting
  // runs included), to divide its profiles' totals by (profile-diff.js --commands).
  const lifetime = new Map<string, number>();
  // Rounds in alternating order, so a machine that gets busier during the run does not favour one set-up.
  const order = Array.from({ length: rounds }, (_, r) => (r % 2 === 0 ? setups : [...setups].reverse())).flat();
  for (const setup of order) {
    progress(`${setup.name}: starting…`);
    const set = await startReplicaSet({
      replicas: setup.replicas,
      redis: setup.redis,
      env,
      // One folder per set-up: <dir>/redis, <dir>/memory-3, <dir>/memory-1.
      ...(profDir === ''
        ? {}
        : { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}/${setup.redis ? 'redis' : `memory-${setup.replicas}`}`] }),
      // The simulated tenant's own limit lifted too (the default 100 a minute would stall the loop).
      sim: { limits: { perMinute: 1_000_000_000, perHour: 1_000_000_000 } },
    });
    try {
      set.sim.faults.set({ kind: 'latency', ms: latencyMs });
      const warm = await load(set, 4, 1000, 'warm'); // warm-up: JIT, connections
      let answered = warm.latencies.length;
      // Round trips: counted in a run of its own, with MONITOR on (it slows the server down).
      let roundTrips: number | undefined;
      if (set.redis !== undefined) {
        const monitor = await monitorRedis(set.redis.port);
        const counted = await load(set, 2, Math.min(durationMs, 2000), 'count');
        answered += counted.latencies.length;
        await new Promise((r) => setTimeout(r, 200));
        roundTrips = monitor.stop() / counted.latencies.length;
        const kinds = [...monitor.byKind()].sort((a, b) => b[1] - a[1]);
        progress(
          `  round trips per command by kind: ${kinds.map(([k, n]) => `${k} ${(n / counted.latencies.length).toFixed(2)}`).join(', ')}`,
        );
      }
      for (const c of concurrencies) {
        const cpuBefore = await cpuOf(set);
        const result = await load(set, c, durationMs, `c${c}`);
        const cpuAfter = await cpuOf(set);
        const n = Math.max(1, result.latencies.length);
        answered += result.latencies.length;
        all.push({
          setup: setup.name,
          concurrency: c,
          commands: result.latencies.length,
          perSecond: result.latencies.length / (durationMs / 1000),
          p50: percentile(result.latencies, 0.5),
          p99: percentile(result.latencies, 0.99),
          latencies: result.latencies,
          redisCallsPerCommand: roundTrips,
          botCpuMs: (cpuAfter.bot - cpuBefore.bot) / n,
          redisCpuMs: cpuAfter.redis === undefined || cpuBefore.redis === undefined ? undefined : (cpuAfter.redis - cpuBefore.redis) / n,
          botRunQueueMs: (cpuAfter.runQueue - cpuBefore.runQueue) / n,
          botPreemptions: (cpuAfter.preemptions - cpuBefore.preemptions) / n,
        });
        progress(`  c${c}: ${result.latencies.length} commands`);
      }
      const dir = setup.redis ? 'redis' : `memory-${setup.replicas}`;
      lifetime.set(dir, (lifetime.get(dir) ?? 0) + answered);
    } finally {
      if (profDir !== '') await stopGracefully(set);
      await set.close();
    }
  }
  // Per set-up and concurrency, the median of the rounds.
  const runs: Run[] = [];
  for (const setup of setups) {
    for (const c of concurrencies) {
      const mine = all.filter((r) => r.setup === setup.name && r.concurrency === c);
      const med = (f: (r: Run) => number): number => percentile(mine.map(f), 0.5);
      runs.push({
        setup: setup.name,
        concurrency: c,
        commands: med((r) => r.commands),
        perSecond: med((r) => r.perSecond),
        p50: med((r) => r.p50),
        p99: med((r) => r.p99),
        latencies: mine.flatMap((r) => r.latencies),
        redisCallsPerCommand: mine[0]?.redisCallsPerCommand,
        botCpuMs: med((r) => r.botCpuMs),
        redisCpuMs: mine[0]?.redisCpuMs === undefined ? undefined : med((r) => r.redisCpuMs ?? 0),
        botRunQueueMs: med((r) => r.botRunQueueMs),
        botPreemptions: med((r) => r.botPreemptions),
      });
    }
  }
  const lines = [
    `Replicas bench: simulated Defender latency ${latencyMs} ms, ${durationMs / 1000} s per run, median of ${rounds} round(s), commands over HTTP through a round-robin balancer`,
    `load average ${loadAtStart} at the start, ${loadAverage()} at the end`,
    '',
    '| set-up | concurrency | commands/s | p50 ms | p99 ms | p99 ms, rounds pooled | Redis round trips per command | bot CPU ms per command | redis-server CPU ms per command | bot run-queue wait ms per command | bot preemptions per command |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.setup} | ${r.concurrency} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${percentile(r.latencies, 0.99).toFixed(1)} | ${r.redisCallsPerCommand === undefined ? '—' : r.redisCallsPerCommand.toFixed(2)} | ${r.botCpuMs.toFixed(2)} | ${r.redisCpuMs === undefined ? '—' : r.redisCpuMs.toFixed(3)} | ${r.botRunQueueMs.toFixed(2)} | ${r.botPreemptions.toFixed(2)} |`,
    ),
  ];
  if (profDir !== '')
    progress(
      `profiles: commands answered over each set-up's life (profile-diff.js --commands): ${[...lifetime].map(([d, n]) => `${d} ${n}`).join(', ')}`,
    );
  const shared = runs.filter((r) => r.setup.endsWith('one Redis'));
  for (const r of shared) {
    const local = runs.find((x) => x.concurrency === r.concurrency && x.setup.includes('replicas, in memory'));
    if (local !== undefined)
      lines.push(
        `p99 added by Redis at c${r.concurrency}: ${(r.p99 - local.p99).toFixed(1)} ms (median of rounds), ${(percentile(r.latencies, 0.99) - percentile(local.latencies, 0.99)).toFixed(1)} ms (rounds pooled) (target ≤ 2 ms at c8)`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return runs.every((r) => r.commands > 0) ? 0 : 1;
}

async function load(set: ReplicaSet, concurrency: number, durationMs: number, tag: string): Promise<{ latencies: number[] }> {
  const latencies: number[] = [];
  const end = Date.now() + durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < end) {
        const i = n++;
        const activity = personalMessage(`machines for user${(i % 30) + 1}`, {
          from: { id: `29:bench-${tag}-${worker}`, name: `bench ${worker}`, aadObjectId: undefined },
        });
        const started = performance.now();
        const status = await set.post(activity);
        if (status === 200) latencies.push(performance.now() - started);
      }
    }),
  );
  return { latencies };
}

/**
 * Counts the commands clients send to Redis (MONITOR), not those a Lua script runs inside the server
 * (MONITOR tags those `lua`): one per network round trip.
 */
async function monitorRedis(port: number): Promise<{ stop(): number; byKind(): Map<string, number> }> {
  const socket = connect(port, '127.0.0.1');
  let count = 0;
  const kinds = new Map<string, number>();
  let buffered = '';
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\r\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!/^\+\d+\.\d+ \[\d+ [\d.:]+\]/.test(line)) continue;
      count += 1;
      // What it was: the command and the kind of its first key (prefix, hashes and ids left out).
      const args = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
      const command = (args[0] ?? '?').toLowerCase();
      const key = (command === 'eval' || command === 'evalsha' ? args[3] : args[1]) ?? '';
      const kind = `${command} ${key
        .split(':')
        .slice(1, 3)
        .join(':')
        .replace(/\{[^}]*\}/g, '{…}')
        .replace(/[\w-]{16,}/g, '…')}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.write('MONITOR\r\n');
  await new Promise((r) => setTimeout(r, 100));
  return {
    stop: () => {
      socket.destroy();
      return count;
    },
    byKind: () => kinds,
  };
}

/**
 * CPU ms used so far: the replicas' (user + system, from /proc) and redis-server's (INFO cpu); and the
 * replicas' main threads' time waiting for a core (/proc/<pid>/schedstat, ms) and preemptions
 * (nonvoluntary context switches): on two shared cores, the queueing a command's latency pays.
 */
async function cpuOf(set: ReplicaSet): Promise<{ bot: number; redis: number | undefined; runQueue: number; preemptions: number }> {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  let bot = 0;
  let runQueue = 0;
  let preemptions = 0;
  for (const r of set.replicas) {
    try {
      const fields = readFileSync(`/proc/${r.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      bot += (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
      runQueue += Number(readFileSync(`/proc/${r.pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
      preemptions += Number(/nonvoluntary_ctxt_switches:\s*(\d+)/.exec(readFileSync(`/proc/${r.pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  let redis: number | undefined;
  if (set.redis !== undefined) {
    const info = await set.redis.command('INFO', 'cpu');
    const seconds = (name: string): number => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? Number.NaN);
    redis = (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
  }
  return { bot, redis, runQueue, preemptions };
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** SIGTERM to every replica and wait for them to exit: node writes its --cpu-prof profile then. */
async function stopGracefully(set: ReplicaSet): Promise<void> {
  for (const r of set.replicas) if (r.alive) process.kill(r.pid, 'SIGTERM');
  const end = Date.now() + 10_000;
  while (set.replicas.some((r) => r.alive) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
