// The deliver step on its own, with the clock under the test's control (node:test mock timers), so
// the timing rules are checked exactly on any machine: no typing indicator for an answer ready within
// TYPING_DELAY_MS, one renewed every TYPING_RENEW_MS after that, "still working" past the deadline.
// Replies go to a recording BotAdapter, which stands in for the Bot Framework connector.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { parseCommand } from '../../../src/commands';
import type { Outcome } from '../../../src/handlers/outcome';
import { createLogger } from '../../../src/logging/logger';
import { cardRenderer } from '../../../src/teams/reply';
import { createDelivery, STILL_WORKING } from '../../../src/teams/turn/deliver';
import { turnOf, type Turn, type TurnResult } from '../../../src/teams/turn/turn';
import { TYPING_DELAY_MS, TYPING_RENEW_MS } from '../../../src/teams/typing';
import { WorkTracker } from '../../../src/teams/work-tracker';

const SLOW_REPLY_MS = 10_000;

class RecordingAdapter extends BotAdapter {
  readonly sent: Array<Partial<Activity>> = [];
  async sendActivities(_context: TurnContext, activities: Array<Partial<Activity>>): Promise<ResourceResponse[]> {
    this.sent.push(...activities);
    return activities.map((_, i) => ({ id: String(this.sent.length + i) }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const event = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await logic(new TurnContext(this, event));
  }
  override async continueConversationAsync(_botAppId: unknown, reference: Partial<ConversationReference>, logic: unknown): Promise<void> {
    await this.continueConversation(reference, logic as (context: TurnContext) => Promise<void>);
  }
  kinds(): string[] {
    return this.sent.map((a) => (a.type === 'message' && a.attachments === undefined ? `text:${a.text ?? ''}` : String(a.type)));
  }
}

const MESSAGE = {
  type: 'message',
  id: 'activity-1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.example.invalid/',
  from: { id: '29:asker', name: 'Asker' },
  recipient: { id: '28:bot', name: 'Bot' },
  conversation: { id: 'a:personal', conversationType: 'personal', tenantId: 'tenant-1' },
  text: 'machines for user1',
} as Activity;

function setup(t: TestContext) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const adapter = new RecordingAdapter();
  const logLines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const tracker = new WorkTracker();
  const card = cardRenderer({ portalBaseUrl: 'https://security.microsoft.com', demo: false }, () => new Date('2026-01-01T00:00:00Z'));
  const delivery = createDelivery({ adapter, botAppId: '', tracker, logger, slowReplyMs: SLOW_REPLY_MS, card });
  const context = new TurnContext(adapter, MESSAGE);
  const turn: Turn = turnOf({
    command: parseCommand({ text: 'machines for user1', mentions: [] }),
    requester: { teamsUserId: '29:asker', tenantId: 'tenant-1' },
    via: 'typed',
    reference: TurnContext.getConversationReference(MESSAGE),
    activityId: 'activity-1',
  });
  type AuditLine = { audit?: { outcome: string; deferred: boolean } };
  const audits = () => logLines.map((l) => JSON.parse(l) as AuditLine).flatMap((l) => (l.audit ? [l.audit] : []));
  return { adapter, delivery, context, turn, tracker, audits };
}

const HELP: TurnResult = { kind: 'answer', outcome: { kind: 'help' } };

/** A result that settles `ms` after the (mocked) clock starts. */
function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** Advances the mocked clock in 10 ms steps, letting the promise callbacks of each step run. */
async function advance(t: TestContext, ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 10) {
    t.mock.timers.tick(Math.min(10, ms - elapsed));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('an answer ready within TYPING_DELAY_MS is sent alone: no typing indicator', async (t) => {
  const { adapter, delivery, context, turn, audits } = setup(t);
  const answered = delivery.answer(context, turn, after(TYPING_DELAY_MS - 10, HELP));
  await advance(t, TYPING_DELAY_MS + TYPING_RENEW_MS);
  await answered;
  assert.deepEqual(adapter.kinds(), ['message']);
  assert.deepEqual(
    audits().map((a) => [a.outcome, a.deferred]),
    [['help', false]],
  );
});

test('a slower answer gets a typing indicator at TYPING_DELAY_MS, renewed every TYPING_RENEW_MS, and none after the card', async (t) => {
  const { adapter, delivery, context, turn } = setup(t);
  const answered = delivery.answer(context, turn, after(TYPING_DELAY_MS + TYPING_RENEW_MS + 100, HELP));
  await advance(t, TYPING_DELAY_MS + 50);
  assert.deepEqual(adapter.kinds(), ['typing']);
  await advance(t, TYPING_RENEW_MS + 100);
  await answered;
  await advance(t, 3 * TYPING_RENEW_MS);
  assert.deepEqual(adapter.kinds(), ['typing', 'typing', 'message']);
});

test('a command that does not call Defender never gets a typing indicator, however long it takes', async (t) => {
  const { adapter, delivery, context, turn } = setup(t);
  const help: Turn = { ...turn, command: { kind: 'help' } };
  const answered = delivery.answer(context, help, after(TYPING_DELAY_MS + TYPING_RENEW_MS, HELP));
  await advance(t, TYPING_DELAY_MS + TYPING_RENEW_MS + 10);
  await answered;
  assert.deepEqual(adapter.kinds(), ['message']);
});

test('past the deadline: "still working" at once, then the card in a later turn, audited as deferred', async (t) => {
  const { adapter, delivery, context, turn, tracker, audits } = setup(t);
  const answered = delivery.answer(context, turn, after(SLOW_REPLY_MS + 2_000, HELP));
  await advance(t, SLOW_REPLY_MS + 10);
  await answered;
  assert.equal(adapter.kinds().at(-1), `text:${STILL_WORKING}`);
  assert.equal(tracker.count, 1, 'shutdown waits for the deferred answer');
  assert.deepEqual(audits(), []);
  await advance(t, 2_000);
  await tracker.drained();
  assert.equal(adapter.kinds().at(-1), 'message');
  assert.equal(adapter.kinds().filter((k) => k === 'message').length, 1);
  assert.deepEqual(
    audits().map((a) => [a.outcome, a.deferred]),
    [['help', true]],
  );
});

test('without a sign-in flow (the demo) a sign-in result is answered with its card, and audited as that error', async (t) => {
  const { adapter, delivery, context, turn, audits } = setup(t);
  const outcome: Outcome & { kind: 'error' } = { kind: 'error', error: { kind: 'signInRequired', reason: 'not signed in' } };
  await delivery.answer(context, turn, Promise.resolve({ kind: 'signIn', outcome }));
  assert.deepEqual(adapter.kinds(), ['message']);
  assert.equal(adapter.sent[0]?.summary, 'Please sign in to use the Defender bot');
  assert.deepEqual(
    audits().map((a) => a.outcome),
    ['error:signInRequired'],
  );
});
