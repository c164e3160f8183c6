// A SOC incident: every analyst on the bot at once, against the REAL shared budget (100 calls per
// minute per endpoint, whole tenant). Commands are sent open-loop at fixed times, evenly over the
// window, whatever the bot is doing. Each analyst runs the same 10-command session (below); what
// is measured: how many got an answer, the most calls any endpoint saw in a sliding minute, and
// how many analysts were shown the "Defender is busy" (429) card.
import { canonicalText, type ActionValue } from '../../src/commands';
import { ENDPOINT_KEYS, type EndpointKey, type Fault } from '../../src/simulator';
import type { BurstCommand } from './load';
import type { LoadgenApi } from './loadgen-api';
import type { ChildHandle } from './rpc';
import { resetSim, simCalls, type SimInfo } from './sim-api';
import { cardOf } from './cards';
import { isThrottledSummary, type RecordedReply, type SinkApi, type SinkInfo } from './sink-api';
import { maxInSlidingWindow, round, summarize, type LatencySummary } from './stats';

export interface BurstSettings {
  commands: number;
  analysts: number;
  windowMs: number;
  perMinute: number;
  clockScale: number;
  label: string;
}

export interface BurstReport {
  scenario: string;
  commands: number;
  analysts: number;
  windowS: number;
  /** The budget the simulator enforced, per endpoint per (simulated) minute. */
  limitPerMinute: number;
  /** Commands answered with HTTP 200 and, then or later, a card reply. */
  answered: number;
  /** Calls each endpoint saw in its busiest sliding (simulated) minute, refused ones included. */
  maxCallsPerMinPerEndpoint: Record<EndpointKey, number>;
  /** The same, counting only calls the budget accepted (the simulator never lets this exceed the limit). */
  maxAcceptedPerMinPerEndpoint: Record<EndpointKey, number>;
  /** Commands first answered "still working", their card delivered later (slower than SLOW_REPLY_MS). */
  deferred: number;
  /** Replies whose card was "Defender is busy" (the throttled error card). */
  userVisible429: number;
  /** 429s the simulator answered (a bot that retries could hide some from users). */
  simulator429: number;
  defenderCalls: number;
  /** Per-command HTTP latency as the channel saw it; seconds from the first send until the last card arrived. */
  latencyMs: LatencySummary;
  lastAnswerS: number;
  session: string[];
}

/** One analyst's session: three users looked up, each asked for twice, two drill-downs and two host lookups. */
const SESSION = [
  'machines A',
  'who logged on (click)',
  'machines A again',
  'machine host',
  'machines B',
  'who logged on (click)',
  'machines B again',
  'machine host',
  'machines C',
  'machines C again',
] as const;

export function burstSchedule(b: BurstSettings, sim: SimInfo): BurstCommand[] {
  const perAnalyst = Math.ceil(b.commands / b.analysts);
  const pick = <T>(list: readonly T[], i: number): T => {
    const v = list[((i % list.length) + list.length) % list.length];
    if (v === undefined) throw new Error('the simulated tenant has no users or machines to ask about');
    return v;
  };
  const commands: BurstCommand[] = [];
  for (let j = 0; j < perAnalyst; j++) {
    for (let a = 0; a < b.analysts && commands.length < b.commands; a++) {
      const k = commands.length;
      const users = [pick(sim.users, a * 3), pick(sim.users, a * 3 + 1), pick(sim.users, a * 3 + 2)];
      const machine = (i: number): { id: string; host: string } => pick(sim.machines, a * 4 + i * 7);
      const step = SESSION[j % SESSION.length] as (typeof SESSION)[number];
      const base = { atMs: (k * b.windowMs) / b.commands, id: `burst-${a}-${j}`, analyst: 800_000_000 + a };
      switch (step) {
        case 'machines A':
        case 'machines A again':
          commands.push({ ...base, text: `machines for ${users[0]}` });
          break;
        case 'machines B':
        case 'machines B again':
          commands.push({ ...base, text: `machines for ${users[1]}` });
          break;
        case 'machines C':
        case 'machines C again':
          commands.push({ ...base, text: `machines for ${users[2]}` });
          break;
        case 'who logged on (click)': {
          // What clicking "Who logged on" posts: the canonical text and the button's value.
          const m = machine(j);
          const value: ActionValue = { action: 'logonUsers', machineId: m.id, label: m.host };
          commands.push({ ...base, text: canonicalText(value), value });
          break;
        }
        case 'machine host':
          commands.push({ ...base, text: `machine ${machine(j).host}` });
          break;
      }
    }
  }
  return commands;
}

export async function runBurst(
  b: BurstSettings,
  setup: {
    botUrl: string;
    sim: ChildHandle<Record<string, never>, SimInfo>;
    faults: Fault[];
    sink: ChildHandle<SinkApi, SinkInfo>;
    loadgen: ChildHandle<LoadgenApi, null>;
  },
): Promise<BurstReport> {
  const schedule = burstSchedule(b, setup.sim.info);
  await resetSim(setup.sim.info.url, setup.faults);
  await setup.sink.call('record', { on: true });
  const startedAt = Date.now();
  const results = await setup.loadgen.call('openLoop', { url: setup.botUrl, serviceUrl: setup.sink.info.url, commands: schedule });
  // A command slower than SLOW_REPLY_MS is answered "still working" (text, no card) and its card is
  // delivered later, outside the HTTP request: keep collecting until every card is in or time is up.
  const finalById = new Map<string, RecordedReply>();
  const deferred = new Set<string>();
  const absorb = (replies: RecordedReply[]): void => {
    for (const r of replies) {
      if (r.replyToId === undefined) continue;
      if (cardOf(r.activity) !== undefined) finalById.set(r.replyToId, r);
      else deferred.add(r.replyToId);
    }
  };
  absorb(await setup.sink.call('takeRecorded', null));
  const waitingFor = (): number => results.filter((r) => r.status === 200 && !finalById.has(r.id)).length;
  for (const deadline = Date.now() + Math.max(20_000, b.windowMs); waitingFor() > 0 && Date.now() < deadline; ) {
    await new Promise<void>((resolve) => setTimeout(resolve, 500));
    absorb(await setup.sink.call('takeRecorded', null));
  }
  await setup.sink.call('record', { on: false });
  const calls = await simCalls(setup.sim.info.url);

  const answered = results.filter((r) => r.status === 200 && finalById.has(r.id)).length;
  const userVisible429 = [...finalById.values()].filter((r) => isThrottledSummary(r.activity.summary)).length;
  // The window is a simulated minute on the simulator's own clock (10× fast in --quick).
  const perEndpoint = (accepted: boolean): Record<EndpointKey, number> =>
    Object.fromEntries(
      ENDPOINT_KEYS.map((key) => [
        key,
        maxInSlidingWindow(
          calls.entries.filter((e) => e.endpoint === key && (!accepted || e.counted)).map((e) => e.at),
          60_000,
        ),
      ]),
    ) as Record<EndpointKey, number>;

  return {
    scenario: b.label,
    commands: schedule.length,
    analysts: b.analysts,
    windowS: b.windowMs / 1000,
    limitPerMinute: b.perMinute,
    answered,
    deferred: deferred.size,
    maxCallsPerMinPerEndpoint: perEndpoint(false),
    maxAcceptedPerMinPerEndpoint: perEndpoint(true),
    userVisible429,
    simulator429: calls.entries.filter((e) => e.status === 429).length,
    defenderCalls: calls.total,
    latencyMs: summarize(results.map((r) => r.latencyMs)),
    lastAnswerS: round((Math.max(...[...finalById.values()].map((r) => r.receivedAt)) - startedAt) / 1000, 1),
    session: [...SESSION],
  };
}
