// Response actions in production shape: the bot as a child process with real Teams SSO and
// on-behalf-of exchanges against the local IdP, and the simulated Defender tenant checking every
// delegated token (signature, audience, the action's own permission in `scp`, the user's role and
// device groups). Four-eyes: the requester cannot approve; the approver's click sends the action with
// the approver's own token, which is what the tenant's JWT check sees and records as the requestor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts, PERSONAS } from '../../src/simulator';
import { actionPosts } from '../../scripts/rig/action-fixtures';
import { cardOf, cardText, submitActions, type SubmitAction } from '../../scripts/rig/bot-harness';
import { ANALYST_A, ANALYST_B, ANALYST_C } from '../../scripts/rig/identity/fixtures';
import type { IdpUser } from '../../scripts/rig/identity-provider';
import {
  CONNECTION_NAME,
  invokeFrom,
  messageFrom,
  personalChat,
  startProductionRig,
  waitFor,
  type ConversationSpec,
  type ProductionRig,
} from '../../scripts/rig/production-rig';

const ACTION_SCOPES = ['Machine.Isolate', 'Machine.Scan', 'Machine.CollectForensics', 'Machine.RestrictExecution'];
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const OAUTH = 'application/vnd.microsoft.card.oauth';
const LAPTOP = facts.USER1_EXTRA_MACHINES.emeaLaptop;

let rig: ProductionRig;
let group: ConversationSpec;

before(async () => {
  rig = await startProductionRig(
    { RESPONSE_ACTIONS: 'isolate,release', RESPONSE_ACTIONS_APPROVAL: 'second-analyst', RESPONSE_ACTION_POLL_MS: '200' },
    { extraConsentScopes: ACTION_SCOPES },
  );
  group = { id: '19:incident-room@thread.v2', type: 'groupChat', tenantId: rig.idp.tenantId };
  for (const user of [ANALYST_A, ANALYST_B, ANALYST_C]) await signIn(user);
});

after(async () => {
  await rig?.close();
});

function attachment(activity: Record<string, unknown>, contentType: string): unknown {
  const list = activity.attachments as Array<{ contentType: string; content: unknown }> | undefined;
  return list?.find((a) => a.contentType === contentType)?.content;
}

function sentTo(conversation: ConversationSpec, from: number): Array<Record<string, unknown>> {
  return rig.connector.sent
    .slice(from)
    .filter((s) => s.conversationId === conversation.id && s.activity.type === 'message')
    .map((s) => s.activity);
}

/** Teams SSO in the user's personal chat: the first lookup prompts, the exchange signs them in. */
async function signIn(user: IdpUser): Promise<void> {
  const chat = personalChat(user, rig.idp.tenantId);
  const mark = rig.connector.sent.length;
  assert.equal((await rig.post(messageFrom(user, chat, 'machines for user1'))).status, 200);
  const prompt = await waitFor(() => sentTo(chat, mark).find((a) => attachment(a, OAUTH) !== undefined), 5000, 'an OAuth card');
  const card = attachment(prompt, OAUTH) as { tokenExchangeResource?: { id: string } };
  const value = { id: card.tokenExchangeResource?.id, connectionName: CONNECTION_NAME, token: rig.idp.mintSsoToken(user) };
  assert.equal((await rig.post(invokeFrom(user, chat, 'signin/tokenExchange', value))).status, 200);
  await waitFor(() => sentTo(chat, mark).find((a) => attachment(a, ADAPTIVE) !== undefined), 8000, 'the answer after sign-in');
}

/** Posts and returns the next Adaptive Card the bot sends into the group. */
async function say(user: IdpUser, text: string, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const mark = rig.connector.sent.length;
  assert.equal((await rig.post(messageFrom(user, group, text, overrides))).status, 200);
  const reply = await waitFor(
    () => sentTo(group, mark).find((a) => attachment(a, ADAPTIVE) !== undefined || attachment(a, OAUTH) !== undefined),
    8000,
  );
  assert.equal(attachment(reply, OAUTH), undefined, `"${text}" asked for sign-in`);
  return cardOf(reply);
}

function button(card: Record<string, unknown>, title: RegExp): SubmitAction {
  const found = submitActions(card).find((b) => title.test(b.title));
  assert.ok(found, `a ${title} button in ${cardText(card).slice(0, 300)}`);
  return found;
}

const click = (user: IdpUser, b: SubmitAction) => say(user, b.data.msteams.text, { value: b.data.msteams.value });

test('four-eyes: the requester cannot approve; the approver’s click isolates with the approver’s own token, and the card follows it to Succeeded', async () => {
  const confirmation = await say(ANALYST_A, `isolate ${LAPTOP.id} suspected ransomware INC-42`);
  assert.match(cardText(confirmation), /Needs a second analyst/);
  const approve = button(confirmation, /^Approve:/);
  assert.equal(actionPosts(rig.sim).length, 0, 'nothing sent by asking');

  assert.match(cardText(await click(ANALYST_A, approve)), /cannot approve their own request/);
  assert.equal(actionPosts(rig.sim).length, 0, 'nothing sent by self-approval');

  const status = await click(ANALYST_C, approve);
  assert.match(cardText(status), /Isolate .*: Pending/);
  const posts = actionPosts(rig.sim);
  assert.equal(posts.length, 1);
  // The tenant verified the token of the POST: it was Sam's (the approver), not Elena's, nor an app's.
  assert.equal(posts[0]?.analyst, 'soc-lead');
  assert.equal(posts[0]?.status, 201);
  assert.match(cardText(status), new RegExp(`Recorded for[\\s\\S]*${PERSONAS['soc-lead'].userPrincipalName.replace('.', '\\.')}`));

  const done = await waitFor(
    () => rig.connector.updated.find((u) => u.conversationId === group.id && /Isolate .*: Succeeded/.test(cardText(cardOf(u.activity)))),
    10_000,
    'the card edited to Succeeded',
  );
  assert.match(cardText(cardOf(done.activity)), /Approved by[\s\S]*Sam Okafor/);
  const audit = rig
    .output()
    .split('\n')
    .filter((l) => l.includes('"kind":"action"'))
    .map((l) => JSON.parse(l) as { audit: { step: string; refusal?: string; approver?: { name: string } } });
  assert.deepEqual(
    audit.map((l) => l.audit.step).filter((s) => s !== 'finalStatus'),
    ['requested', 'refused', 'approved', 'sent'],
  );
  assert.equal(audit.find((l) => l.audit.step === 'refused')?.audit.refusal, 'selfApproval');
  assert.ok(!rig.output().includes(rig.idp.mintSsoToken(ANALYST_C).slice(0, 40)), 'no token in the output');
});

test('an approver outside the device’s groups gets "not found" from Defender, and nothing happens', async () => {
  const confirmation = await say(ANALYST_A, `release ${LAPTOP.id} reimaged INC-43`);
  const before = actionPosts(rig.sim).length;
  const answer = cardText(await click(ANALYST_B, button(confirmation, /^Approve:/)));
  assert.match(answer, /outside the device groups your role covers/);
  const posts = actionPosts(rig.sim).slice(before);
  assert.deepEqual(
    posts.map((p) => `${p.analyst} ${p.status}`),
    ['analyst-us 404'],
  );
});
