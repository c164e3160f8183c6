// Identity-provider calls per command, counted through the real bot in production mode: `node
// <outDir>/src/main.js` with BOT_ID set (real botbuilder inbound JWT checks, real @azure/identity
// app tokens and on-behalf-of exchanges), against the local identity provider over HTTPS, a
// JWT-validating simulated Defender, a fake connector and a fake Bot Framework token service.
//
// Why this imports scripts/rig/production-rig: that rig is what test/app/production-sign-in.test.ts
// drives and asserts against (same IdP setup, consent, personas, token service, NODE_EXTRA_CA_CERTS
// wiring, the bot as a child process). A second copy here would drift from what the tests prove
// works; the rig sits next to this file in every outDir (scripts/rig), and finds the compiled bot
// relative to itself, so any outDir works.
//
// Only the bot talks to the IdP over HTTP: the rig mints Teams/channel tokens in-process and the
// fake connector, token service and simulator check signatures against idp.jwks() directly. So every
// request the IdP counts is one the bot made.
import type { IdpEndpoint, IdpUser } from '../rig/identity-provider';
import { ANALYST_B, ANALYST_C } from '../rig/identity/fixtures';
import {
  CONNECTION_NAME,
  invokeFrom,
  messageFrom,
  personalChat,
  startProductionRig,
  waitFor,
  type ConversationSpec,
  type ProductionRig,
} from '../rig/production-rig';
import { cardOf, firstWhoLoggedOn } from './cards';

export interface IdentityStep {
  /** Requests the bot made to the identity provider during the step; NaN when the step got no answer. */
  calls: number;
  /** Per IdP endpoint, and per grant for token requests (`token:on_behalf_of`, `token:client_credentials`); only non-zero ones. */
  byEndpoint: Record<string, number>;
  /** Defender calls in the JWT-checking simulator's log during the step (a cross-check with the demo calibration). */
  defenderCalls: number;
  /** The notification summary of the card that ended the step. */
  summary: string | null;
}

export interface IdentityCalibration {
  /** Requests the bot made while starting, before any activity arrived. */
  startUp: IdentityStep;
  /**
   * The first analyst after start: prompt, SSO exchange and the waiting command, all together. It
   * pays the process-wide one-offs (the channel's signing keys for inbound JWT checks, the bot's
   * own app token for replies), which later analysts never pay again.
   */
  firstAnalystAfterStart: IdentityStep;
  /** A command from an analyst who is not signed in yet: answered with the OAuth card. */
  signInPrompt: IdentityStep;
  /** The signin/tokenExchange invoke and the waiting command it runs: the first command after sign-in. */
  cold: IdentityStep;
  /** The same command again at once. */
  warmRepeat: IdentityStep;
  /** A click on that card's first "Who logged on". */
  drillDown: IdentityStep;
  /** `machine mymachine1.contoso.com`. */
  hostLookup: IdentityStep;
  analyst: string;
}

const OAUTH = 'application/vnd.microsoft.card.oauth';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const MISSING: IdentityStep = { calls: Number.NaN, byEndpoint: {}, defenderCalls: Number.NaN, summary: null };

function attachmentOf(activity: Record<string, unknown>, contentType: string): Record<string, unknown> | undefined {
  const attachments = activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  return attachments?.find((a) => a.contentType === contentType)?.content;
}

/** Every figure missing: what the report gets when the production rig could not run. */
export function identityNotMeasured(): IdentityCalibration {
  return {
    startUp: MISSING,
    firstAnalystAfterStart: MISSING,
    signInPrompt: MISSING,
    cold: MISSING,
    warmRepeat: MISSING,
    drillDown: MISSING,
    hostLookup: MISSING,
    analyst: 'not measured',
  };
}

export async function calibrateIdentity(progress: (line: string) => void): Promise<IdentityCalibration> {
  // LOG_LEVEL=warn: the rig keeps the bot's output in memory, and only needs it when something fails.
  const rig = await startProductionRig({ LOG_LEVEL: 'warn' });
  try {
    return await measure(rig);
  } catch (e) {
    progress(`identity calibration failed; the production bot's output:\n${rig.output().slice(-4000)}`);
    throw e;
  } finally {
    await rig.close();
  }
}

async function measure(rig: ProductionRig): Promise<IdentityCalibration> {
  const tenant = rig.idp.tenantId;
  const messagesIn = (conversation: ConversationSpec, from: number): Array<Record<string, unknown>> =>
    rig.connector.sent
      .slice(from)
      .filter((s) => s.conversationId === conversation.id && s.activity.type === 'message')
      .map((s) => s.activity);

  const startCounting = (): (() => Omit<IdentityStep, 'summary'>) => {
    rig.idp.resetCounts();
    rig.sim.calls.reset();
    return () => {
      const counts = rig.idp.counts();
      const byEndpoint: Record<string, number> = {};
      for (const [endpoint, n] of Object.entries(counts) as Array<[IdpEndpoint, number]>)
        if (n > 0 && endpoint !== 'token') byEndpoint[endpoint] = n;
      for (const r of rig.idp.tokenRequests()) {
        const key = `token:${r.grant === 'client_credentials' ? 'client_credentials' : r.grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer' ? 'on_behalf_of' : String(r.grant)}`;
        byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
      }
      return { calls: Object.values(counts).reduce((s, n) => s + n, 0), byEndpoint, defenderCalls: rig.sim.calls.total() };
    };
  };

  /** Posts `activity` and waits for the first message in `conversation` that carries `contentType`. */
  const step = async (
    conversation: ConversationSpec,
    activity: Record<string, unknown>,
    contentType: string,
  ): Promise<{ result: IdentityStep; reply?: Record<string, unknown> | undefined }> => {
    const stop = startCounting();
    const mark = rig.connector.sent.length;
    const { status } = await rig.post(activity);
    let reply: Record<string, unknown> | undefined;
    if (status === 200) {
      // A waiting command is delivered after the invoke's turn (proactively), so wait for it.
      reply = await waitFor(
        () => messagesIn(conversation, mark).find((a) => attachmentOf(a, ADAPTIVE) !== undefined || attachmentOf(a, OAUTH) !== undefined),
        10_000,
        `a reply to ${String(activity.type)} ${String(activity.text ?? activity.name ?? '')}`,
      ).catch(() => undefined);
    }
    const counted = stop();
    const ok = reply !== undefined && attachmentOf(reply, contentType) !== undefined;
    if (!ok)
      return {
        result: { ...MISSING, ...(reply === undefined ? {} : { summary: typeof reply.summary === 'string' ? reply.summary : null }) },
      };
    return {
      result: { ...counted, summary: typeof reply?.summary === 'string' ? reply.summary : contentType === OAUTH ? '(sign-in card)' : null },
      reply,
    };
  };

  /** Prompt, then the SSO exchange Teams sends for that card. */
  const signIn = async (
    user: IdpUser,
    chat: ConversationSpec,
    text: string,
  ): Promise<{ prompt: IdentityStep; exchange: IdentityStep; reply?: Record<string, unknown> | undefined }> => {
    const prompted = await step(chat, messageFrom(user, chat, text), OAUTH);
    const id = (prompted.reply ? attachmentOf(prompted.reply, OAUTH) : undefined)?.tokenExchangeResource as { id?: string } | undefined;
    if (id?.id === undefined) return { prompt: prompted.result, exchange: MISSING };
    const exchanged = await step(
      chat,
      invokeFrom(user, chat, 'signin/tokenExchange', { id: id.id, connectionName: CONNECTION_NAME, token: rig.idp.mintSsoToken(user) }),
      ADAPTIVE,
    );
    return { prompt: prompted.result, exchange: exchanged.result, ...(exchanged.reply ? { reply: exchanged.reply } : {}) };
  };
  const sum = (...steps: IdentityStep[]): IdentityStep => {
    const byEndpoint: Record<string, number> = {};
    for (const s of steps) for (const [k, n] of Object.entries(s.byEndpoint)) byEndpoint[k] = (byEndpoint[k] ?? 0) + n;
    return {
      calls: steps.reduce((t, s) => t + s.calls, 0),
      byEndpoint,
      defenderCalls: steps.reduce((t, s) => t + s.defenderCalls, 0),
      summary: steps.at(-1)?.summary ?? null,
    };
  };

  // Start-up: whatever the bot fetched before the first activity (counted since the IdP started).
  const startUpCounts = rig.idp.counts();
  const startUp: IdentityStep = {
    calls: Object.values(startUpCounts).reduce((s, n) => s + n, 0),
    byEndpoint: Object.fromEntries(Object.entries(startUpCounts).filter(([, n]) => n > 0)),
    defenderCalls: 0,
    summary: null,
  };

  // Another analyst first, so the measured one sees a bot that has already served someone.
  const first = await signIn(ANALYST_B, personalChat(ANALYST_B, tenant), 'machines for user1');
  const firstAnalystAfterStart = sum(first.prompt, first.exchange);

  const analyst = ANALYST_C;
  const chat = personalChat(analyst, tenant);
  const { prompt, exchange: cold, reply: coldReply } = await signIn(analyst, chat, 'machines for user1');
  const warm = await step(chat, messageFrom(analyst, chat, 'machines for user1'), ADAPTIVE);
  const who = firstWhoLoggedOn(coldReply ? cardOf(coldReply) : undefined);
  const drill = who ? await step(chat, messageFrom(analyst, chat, who.text, { value: who.value }), ADAPTIVE) : { result: MISSING };
  const host = await step(chat, messageFrom(analyst, chat, 'machine mymachine1.contoso.com'), ADAPTIVE);
  return {
    startUp,
    firstAnalystAfterStart,
    signInPrompt: prompt,
    cold,
    warmRepeat: warm.result,
    drillDown: drill.result,
    hostLookup: host.result,
    analyst: `${analyst.upn} (soc-lead), after ${ANALYST_B.upn} signed in first`,
  };
}
