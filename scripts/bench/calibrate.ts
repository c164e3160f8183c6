// Defender calls per command, counted in the simulator's call log, one command at a time: a cold
// `machines for user1`, the same analyst repeating it (what a per-user cache saves), a click on that
// card's first "Who logged on" button, and a host-name lookup. Also captures the machines card,
// which the baseline then sends, so both bots answer with the same bytes.
import type { Fault } from '../../src/simulator';
import { loadTemplate, message } from './activities';
import { cardOf, firstWhoLoggedOn } from './cards';
import type { ChildHandle } from './rpc';
import { resetSim, simCalls } from './sim-api';
import type { SinkApi, SinkInfo } from './sink-api';

export interface CommandCalls {
  /** Defender calls the command made; NaN when it got no reply (a bench failure, reported as missing). */
  calls: number;
  /** `GET /api/...` of each call, for the report. */
  requests: string[];
  /** The reply's notification summary, to show the command worked. */
  summary: string | null;
}

export interface Calibration {
  cold: CommandCalls;
  warmRepeat: CommandCalls;
  drillDown: CommandCalls;
  hostLookup: CommandCalls;
  machinesCard: Record<string, unknown> | undefined;
}

/** Analyst numbers no load run uses. */
const ANALYST = 900_000_001;
const OTHER_ANALYST = 900_000_002;

export async function calibrate(
  botUrl: string,
  simUrl: string,
  faults: Fault[],
  sink: ChildHandle<SinkApi, SinkInfo>,
): Promise<Calibration> {
  const template = loadTemplate();
  let n = 0;
  const run = async (
    analyst: number,
    text: string,
    value?: unknown,
  ): Promise<{ result: CommandCalls; reply?: Record<string, unknown> }> => {
    await resetSim(simUrl, faults);
    await sink.call('record', { on: true });
    const id = `calibrate-${++n}`;
    const activity = message(template, { id, analyst, text, ...(value === undefined ? {} : { value }), serviceUrl: sink.info.url });
    const res = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.text();
    const reply = (await sink.call('takeRecorded', null)).find((r) => r.replyToId === id)?.activity;
    await sink.call('record', { on: false });
    const calls = await simCalls(simUrl);
    const requests = calls.entries.map((e) => `${e.method} ${decodeURIComponent(e.path)}`);
    const summary = typeof reply?.summary === 'string' ? reply.summary : null;
    return {
      result: { calls: res.status === 200 && reply !== undefined ? requests.length : Number.NaN, requests, summary },
      ...(reply ? { reply } : {}),
    };
  };

  const cold = await run(ANALYST, 'machines for user1');
  const warmRepeat = await run(ANALYST, 'machines for user1');
  const machinesCard = cold.reply ? cardOf(cold.reply) : undefined;
  const who = firstWhoLoggedOn(machinesCard);
  const drillDown = who
    ? await run(ANALYST, who.text, who.value)
    : { result: { calls: Number.NaN, requests: [], summary: 'no "Who logged on" button on the machines card' } };
  const hostLookup = await run(OTHER_ANALYST, 'machine mymachine1.contoso.com');
  return { cold: cold.result, warmRepeat: warmRepeat.result, drillDown: drillDown.result, hostLookup: hostLookup.result, machinesCard };
}
