// A benchmark baseline, not part of the product: the least a teams-ai bot on OUR adapter and HTTP
// front door can do — answer every message with one static Adaptive Card; no parsing, no Defender
// call, no typing indicator. scripts/bench runs it next to the real bot, so the difference between
// the two is what our own code costs. It lives with the benchmark, outside src/, so production never
// ships it; it uses the bot's own adapter, front door and Application settings from src/teams.
import { ActivityTypes, CardFactory } from 'botbuilder';
import type { ReadinessReport } from '../../src/app/readiness';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/logging/logger';
import { createAdapter } from '../../src/teams/adapter';
import { createHttpApp, listen } from '../../src/teams/http-server';
import { newTeamsApplication } from '../../src/teams/application';

export interface BaselineOptions {
  logger: Logger;
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1: the baseline is a loopback benchmark fixture. */
  host?: string;
  /** The card every message gets. Default: a machines-list-shaped card of similar size (STATIC_MACHINES_CARD). */
  card?: Record<string, unknown>;
  /**
   * Milliseconds to wait before answering. A timer, not a call: it stands in for the time Defender
   * takes, so a throughput comparison with the real bot measures only what the bot adds. Default 0.
   */
  delayMs?: number;
}

export interface RunningBaseline {
  url: string;
  /** Bytes of the card's JSON, to show the baseline answers with a card as large as the bot's. */
  cardBytes: number;
  /** Changes the wait between runs without restarting (and re-warming) the process. */
  setDelayMs(ms: number): void;
  close(): Promise<void>;
}

export async function startBaselineBot(options: BaselineOptions): Promise<RunningBaseline> {
  const card = options.card ?? STATIC_MACHINES_CARD;
  let delayMs = options.delayMs ?? 0;
  // The very adapter the bot uses in demo mode (no app id, no inbound JWT check).
  const adapter = createAdapter(loadConfig({ CI: 'true', LOG_LEVEL: 'warn' }));
  // The same Application as the bot's, so the framework's own work is identical.
  const app = newTeamsApplication(adapter);
  app.activity(ActivityTypes.Message, async (context) => {
    if (delayMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, delayMs));
    await context.sendActivity({ type: 'message', summary: 'Static baseline card', attachments: [CardFactory.adaptiveCard(card)] });
  });
  // Always ready: it depends on nothing. /readyz is not part of what is measured.
  const readiness = async (): Promise<ReadinessReport> => ({ ready: true, checks: { config: ALWAYS, defender: ALWAYS, identity: ALWAYS } });
  const http = await listen(
    createHttpApp({ adapter, app, logger: options.logger, readiness }),
    options.port ?? 0,
    options.host ?? '127.0.0.1',
  );
  return {
    url: http.url,
    cardBytes: Buffer.byteLength(JSON.stringify(card)),
    setDelayMs: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`delayMs must be a non-negative number, got ${ms}`);
      delayMs = ms;
    },
    close: () => http.close(),
  };
}

const ALWAYS = { ok: true, detail: 'baseline: no dependencies' } as const;

/** Eight machine rows with facts and three buttons each: the shape and roughly the size of `machines for user1`. */
export const STATIC_MACHINES_CARD: Record<string, unknown> = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.2',
  fallbackText: '8 machines for user1',
  body: [
    {
      type: 'TextBlock',
      text: '8 machines for **user1** — as your Defender access shows them',
      wrap: true,
      weight: 'Bolder',
      size: 'Medium',
    },
    ...Array.from({ length: 8 }, (_, i) => staticMachineRow(i)),
    { type: 'TextBlock', text: 'Demo tenant: simulated data, not your organisation’s.', wrap: true, isSubtle: true, size: 'Small' },
  ],
};

function staticMachineRow(i: number): Record<string, unknown> {
  const id = i.toString(16).padStart(40, 'a');
  const host = `static-host-${String(i).padStart(4, '0')}.contoso.com`;
  const button = (title: string, action: string): Record<string, unknown> => ({
    type: 'Action.Submit',
    title,
    data: {
      msteams: {
        type: 'messageBack',
        text: `${action} ${id}`,
        displayText: `${title} ${host}`,
        value: { action, machineId: id, label: host },
      },
    },
  });
  return {
    type: 'Container',
    separator: true,
    items: [
      { type: 'TextBlock', text: `**${host}**`, wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: 'Health', value: 'Active' },
          { title: 'Risk', value: 'None' },
          { title: 'Exposure', value: 'Medium' },
          { title: 'OS', value: 'Windows11 22H2' },
          { title: 'Last seen', value: '12 min ago (2026-11-23 11:39 UTC)' },
          { title: 'Last IP', value: `10.0.0.${i + 10}` },
        ],
      },
      {
        type: 'ActionSet',
        actions: [
          button('Who logged on', 'logonUsers'),
          button('Details', 'machineDetails'),
          { type: 'Action.OpenUrl', title: 'Open in Defender', url: `https://security.microsoft.com/machines/${id}` },
        ],
      },
    ],
  };
}
