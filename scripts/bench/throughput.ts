// Throughput and latency at fixed concurrency, the bot against two baselines, in rounds whose order
// rotates (A B C, B C A, C A B, …) so slow drift of the machine hits every contestant alike; the
// report takes the median across rounds of each per-round ratio or difference.
//
//   bot       — our bot; every request is `machines for user1`, cycling through a pool of analysts
//               (4 per in-flight request, at least 32), with the bot's answer cache switched off
//               (RESULT_CACHE_TTL_SECONDS=0, set by run.ts): every command is a cold one, not a
//               cache benchmark. A pool rather than a new person per request, because per-person
//               state (queues) is sized for a SOC, not for 30,000 people in five minutes.
//   baseline  — the static-card bot, waiting latency × (Defender calls per cold command) before it
//               answers: Teams' adapter plus Defender's time, nothing else. Throughput and p99 added
//               are computed against it, because it paces requests like the bot does.
//   baseline0 — the same bot with no wait, in its own process: the adapter alone, for the literal
//               "minus Defender latency" p99 figure and as a reference for the adapter's own capacity.
import type { Fault } from '../../src/simulator';
import type { BaselineApi, BaselineInfo } from './baseline-api';
import type { ClosedLoopResult } from './load';
import type { LoadgenApi } from './loadgen-api';
import type { ChildHandle } from './rpc';
import { resetSim, simCalls } from './sim-api';
import type { SinkApi, SinkInfo } from './sink-api';

export type Contestant = 'bot' | 'baseline' | 'baseline0';
const ORDER: readonly Contestant[] = ['baseline', 'bot', 'baseline0'];

export interface RunResult extends ClosedLoopResult {
  /** Requests sent minus message replies the connector received (should be 0). */
  missingReplies: number;
  /** "Defender is busy" cards among the replies: the bot throttled itself (should be 0 here). */
  throttledReplies: number;
  /** CPU ms the bot or baseline process used per request sent (warm-up and tail included). */
  cpuMsPerRequest: number;
  /** The part of cpuMsPerRequest on the process's main thread (the rest: V8's GC and compiler threads, libuv's pool). */
  mainThreadCpuMsPerRequest: number;
  /** Bot runs only: Defender calls logged per request sent. */
  defenderCallsPerRequest?: number;
  /** Bot runs only: CPU ms the simulated tenant used per request (it shares this machine's cores). */
  simCpuMsPerRequest?: number;
}

export interface ConcurrencyRounds {
  concurrency: number;
  rounds: Array<Record<Contestant, RunResult> & { order: Contestant[] }>;
}

export interface ThroughputSetup {
  botUrl: string;
  simUrl: string;
  faults: Fault[];
  /** The baseline's stand-in for Defender's time per command. */
  baselineWaitMs: number;
  baseline: ChildHandle<BaselineApi, BaselineInfo>;
  /**
   * The same static-card bot in its own process, run with no wait. Its own process so that the
   * baseline's process serves only the baseline's requests, as the bot's serves only the bot's: one
   * shared process had baseline0's thousands of requests per round warm the baseline's JIT and heap
   * far beyond the bot's, and its CPU per request was then measured warm against a lukewarm bot.
   */
  baseline0: ChildHandle<BaselineApi, BaselineInfo>;
  sink: ChildHandle<SinkApi, SinkInfo>;
  bot: { cpuMs(): Promise<number>; mainThreadCpuMs(): number };
  sim: { cpuMs(): Promise<number> };
  loadgen: ChildHandle<LoadgenApi, null>;
  concurrencies: number[];
  rounds: number;
  warmupMs: number;
  durationMs: number;
  /** Progress lines go here (stderr), so stdout stays the table. */
  progress(line: string): void;
}

export async function measureThroughput(s: ThroughputSetup): Promise<ConcurrencyRounds[]> {
  const out: ConcurrencyRounds[] = [];
  let runIndex = 0;
  for (const concurrency of s.concurrencies) {
    const rounds: ConcurrencyRounds['rounds'] = [];
    for (let r = 0; r < s.rounds; r++) {
      const order = ORDER.map((_, i) => ORDER[(i + r) % ORDER.length] as Contestant);
      const results: Partial<Record<Contestant, RunResult>> = {};
      for (const who of order) {
        runIndex += 1;
        results[who] = await oneRun(s, who, concurrency, runIndex);
        const res = results[who];
        s.progress(
          `  c=${concurrency} round ${r + 1}/${s.rounds} ${who.padEnd(9)} ${res.rps.toFixed(1).padStart(7)} req/s  p99 ${res.latencyMs.p99.toFixed(1).padStart(6)} ms  cpu ${res.cpuMsPerRequest.toFixed(2)} ms/req (main thread ${res.mainThreadCpuMsPerRequest.toFixed(2)})${res.errors || res.missingReplies || res.throttledReplies ? `  (${res.errors} errors, ${res.missingReplies} missing replies, ${res.throttledReplies} throttled cards)` : ''}`,
        );
      }
      rounds.push({
        order,
        bot: results.bot as RunResult,
        baseline: results.baseline as RunResult,
        baseline0: results.baseline0 as RunResult,
      });
    }
    out.push({ concurrency, rounds });
  }
  return out;
}

async function oneRun(s: ThroughputSetup, who: Contestant, concurrency: number, runIndex: number): Promise<RunResult> {
  if (who === 'bot') await resetSim(s.simUrl, s.faults);
  else if (who === 'baseline') await s.baseline.call('setDelay', { ms: s.baselineWaitMs });
  const target = who === 'bot' ? s.bot : who === 'baseline' ? s.baseline : s.baseline0;
  const before = await s.sink.call('stats', null);
  const [cpu0, simCpu0, main0] = [await target.cpuMs(), await s.sim.cpuMs(), target.mainThreadCpuMs()];
  const result = await s.loadgen.call('closedLoop', {
    url: who === 'bot' ? s.botUrl : target === s.baseline ? s.baseline.info.url : s.baseline0.info.url,
    serviceUrl: s.sink.info.url,
    concurrency,
    warmupMs: s.warmupMs,
    durationMs: s.durationMs,
    text: 'machines for user1',
    // Different people in every run; enough per run that no one has two commands in flight.
    analystBase: runIndex * 1_000_000,
    analysts: Math.max(32, 4 * concurrency),
    idPrefix: `run${runIndex}`,
  });
  const [cpu1, simCpu1, main1] = [await target.cpuMs(), await s.sim.cpuMs(), target.mainThreadCpuMs()];
  const after = await s.sink.call('stats', null);
  const perRequest = (ms: number): number => ms / Math.max(1, result.sent);
  const run: RunResult = {
    ...result,
    missingReplies: result.sent - (after.messages - before.messages),
    throttledReplies: after.throttled - before.throttled,
    cpuMsPerRequest: perRequest(cpu1 - cpu0),
    mainThreadCpuMsPerRequest: perRequest(main1 - main0),
  };
  if (who === 'bot') {
    run.defenderCallsPerRequest = (await simCalls(s.simUrl)).total / Math.max(1, result.sent);
    run.simCpuMsPerRequest = perRequest(simCpu1 - simCpu0);
  }
  return run;
}
