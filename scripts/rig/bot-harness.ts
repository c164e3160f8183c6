// Runs the real bot (startBot) against a simulated Defender tenant and a local connector, and posts
// Teams-shaped activities to /api/messages over HTTP, as the Bot Framework channel would.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { startBot, type RunningBot } from '../../src/app/start-bot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/simulator';
import { startConnectorSink, type ConnectorSink } from './connector';
import { readFixture } from './repo-root';

export interface Harness {
  bot: RunningBot;
  sim: SimulatorHandle;
  connector: ConnectorSink;
  logLines: string[];
  /** POSTs an activity; resolves with the HTTP status once the turn has finished. */
  post(activity: Record<string, unknown>): Promise<number>;
  /** Sends one activity and returns the message activities the bot replied with, each with the id the connector gave it. */
  exchange(activity: Record<string, unknown>): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** `botOptions.now`: the bot's clock, the one piece of our own code a test may replace (to make it fail). */
export async function startHarness(
  env: Record<string, string> = {},
  simOptions: SimulatorOptions = {},
  botOptions: { now?: () => Date } = {},
): Promise<Harness> {
  const sim = await startSimulator(simOptions);
  const connector = await startConnectorSink();
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logLines.push(chunk.toString('utf8'));
      cb();
    },
  });
  const config = loadConfig({ PORT: '0', CI: 'true', DEFENDER_API_URL: sim.url, LOG_LEVEL: 'debug', ...env });
  const bot = await startBot(config, { logger: createLogger(config.logLevel, sink), host: '127.0.0.1', ...botOptions });

  const post = (activity: Record<string, unknown>): Promise<number> => postActivity(bot.url, activity, connector.url);
  return {
    bot,
    sim,
    connector,
    logLines,
    post,
    exchange: async (activity) => {
      const before = connector.sent.length;
      const status = await post(activity);
      if (status !== 200) throw new Error(`bot answered HTTP ${status}`);
      // Replies name the activity they answer, so concurrent exchanges don't see each other's.
      return connector.sent
        .slice(before)
        .filter((s) => s.replyToId === activity.id && s.activity.type === 'message')
        .map((s) => ({ ...s.activity, id: s.id }));
    },
    close: async () => {
      await bot.close();
      await connector.close();
      await sim.close();
    },
  };
}

let nextId = 1;

/** A personal-chat message as Teams sends it (recorded shape in test/fixtures/teams). */
export function personalMessage(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = readFixture('teams/personal-message.json') as Record<string, unknown>;
  return { ...base, id: `msg-${nextId++}`, text, ...overrides };
}

/** A channel message with the bot @mentioned and optionally a user @mentioned. */
export function channelMessage(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = readFixture('teams/channel-mention-message.json') as Record<string, unknown>;
  return { ...base, id: `chan-${nextId++}`, text, ...overrides };
}

/** What Teams posts when a user clicks an Action.Submit whose data is a messageBack. */
export function clickOf(action: SubmitAction, card: { id?: unknown }, base = personalMessage('')): Record<string, unknown> {
  const mb = action.data.msteams;
  return { ...base, id: `click-${nextId++}`, text: mb.text, value: mb.value, replyToId: typeof card.id === 'string' ? card.id : 'card' };
}

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: { msteams: { type: 'messageBack'; text: string; displayText?: string; value: unknown } };
}

/** The Adaptive Card of a reply activity. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> {
  const attachments = activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`reply has no adaptive card: ${JSON.stringify(activity).slice(0, 300)}`);
  return card.content;
}

/** Every Action.Submit in a card, wherever it is nested. */
export function submitActions(node: unknown): SubmitAction[] {
  const out: SubmitAction[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Submit') out.push(o as unknown as SubmitAction);
    Object.values(o).forEach(walk);
  };
  walk(node);
  return out;
}

/** All visible text of a card (TextBlock texts, fact titles/values, action titles), joined by newlines. */
export function cardText(node: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    const o = n as Record<string, unknown>;
    for (const key of ['text', 'title', 'value']) if (typeof o[key] === 'string') out.push(o[key] as string);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v);
  };
  walk(node);
  return out.join('\n');
}

/** A card's title: the text of the first TextBlock in its body (every card template starts with it). */
export function cardTitle(card: Record<string, unknown>): string {
  const first = (n: unknown): string | undefined => {
    if (Array.isArray(n)) {
      for (const item of n) {
        const found = first(item);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (typeof n !== 'object' || n === null) return undefined;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') return o.text;
    return first(o.items ?? o.columns);
  };
  const title = first(card.body);
  if (title === undefined) throw new Error(`card has no TextBlock: ${JSON.stringify(card).slice(0, 300)}`);
  return title;
}

/** Posts `activity` to a bot's /api/messages as Teams does, its replies addressed to `serviceUrl`; the HTTP status once the turn finished. */
export async function postActivity(botUrl: string, activity: Record<string, unknown>, serviceUrl: string): Promise<number> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...activity, serviceUrl }),
  });
  await res.text();
  return res.status;
}

/** The Defender calls the simulated tenant has logged, as "GET /api/…" with the path decoded. */
export function apiCalls(h: Harness): string[] {
  return h.sim.calls.entries().map((e) => `${e.method} ${decodeURIComponent(e.path)}`);
}

/** The one reply a turn got; fails the test when there were none or several. */
export function onlyReply(replies: Array<Record<string, unknown>>): Record<string, unknown> {
  assert.equal(replies.length, 1, `expected one reply, got ${replies.length}`);
  return replies[0] as Record<string, unknown>;
}
