// Production sign-in end to end: the bot as a child process with real botbuilder/teams-ai and real
// @azure/identity, the local IdP (on-behalf-of, app tokens, Bot Framework channel tokens), the
// simulated Defender tenant checking the delegated tokens per analyst, a fake connector and a fake
// token service (scripts/rig/production-rig.ts). Tests run in order and share one bot.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { cardOf, cardText, submitActions, type SubmitAction } from '../../scripts/rig/bot-harness';
import { ANALYST_A, ANALYST_B, ANALYST_C, BOT_APP_ID } from '../../scripts/rig/identity/fixtures';
import { jwtShapedStrings } from '../helpers/identity/jwt-scan';
import {
  ANALYST_NO_ALERTS,
  ANALYST_NO_CONSENT,
  CHANNEL_USER,
  CONNECTION_NAME,
  RETURNING_USER,
  invokeFrom,
  messageFrom,
  personalChat,
  startProductionRig,
  teamsUser,
  waitFor,
  type ConversationSpec,
  type ProductionRig,
} from '../../scripts/rig/production-rig';
import type { IdpUser } from '../../scripts/rig/identity-provider';

let rig: ProductionRig;

before(async () => {
  rig = await startProductionRig();
});

after(async () => {
  await rig?.close();
});

interface OAuthCardContent {
  connectionName: string;
  tokenExchangeResource?: { id: string; uri: string };
  buttons: Array<{ type: string; value: string }>;
}

const OAUTH = 'application/vnd.microsoft.card.oauth';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
/** The summary of a machines list for user1 (the count depends on who asks), not of a "no machines" card. */
const MACHINES_FOR_USER1 = /^\d+ machines? for user1$/;

function attachmentOf(activity: Record<string, unknown>, contentType: string): unknown {
  const attachments = activity.attachments as Array<{ contentType: string; content: unknown }> | undefined;
  return attachments?.find((a) => a.contentType === contentType)?.content;
}

/** Messages the bot sent into a conversation, from index `from` on. */
function sentTo(conversation: ConversationSpec, from = 0): Array<Record<string, unknown>> {
  return rig.connector.sent
    .slice(from)
    .filter((s) => s.conversationId === conversation.id && s.activity.type === 'message')
    .map((s) => s.activity);
}

function oboRequests(): number {
  return rig.idp.tokenRequestsOf('on_behalf_of').length;
}

/** Sends a command and waits for the OAuth card it gets instead of an answer. */
async function expectSignInPrompt(user: IdpUser, conversation: ConversationSpec, text: string): Promise<OAuthCardContent> {
  const mark = rig.connector.sent.length;
  assert.equal((await rig.post(messageFrom(user, conversation, text))).status, 200);
  const prompt = await waitFor(() => sentTo(conversation, mark).find((a) => attachmentOf(a, OAUTH) !== undefined), 5000, 'an OAuth card');
  assert.equal(sentTo(conversation, mark).filter((a) => attachmentOf(a, ADAPTIVE) !== undefined).length, 0, 'no answer before sign-in');
  return attachmentOf(prompt, OAUTH) as OAuthCardContent;
}

/** The SSO exchange Teams sends for the card; resolves with the invoke's HTTP status. */
async function exchange(
  user: IdpUser,
  conversation: ConversationSpec,
  card: OAuthCardContent,
  token = rig.idp.mintSsoToken(user),
): Promise<number> {
  const id = card.tokenExchangeResource?.id;
  assert.ok(id, 'the card carries a token exchange resource');
  return (await rig.post(invokeFrom(user, conversation, 'signin/tokenExchange', { id, connectionName: CONNECTION_NAME, token }))).status;
}

/** The next Adaptive Card the bot sends into the conversation after `mark`. */
async function nextCard(conversation: ConversationSpec, mark: number, what = 'a card'): Promise<Record<string, unknown>> {
  const reply = await waitFor(() => sentTo(conversation, mark).find((a) => attachmentOf(a, ADAPTIVE) !== undefined), 8000, what);
  return reply;
}

/** Sends a command from a signed-in user and returns the card it gets. */
async function ask(
  user: IdpUser,
  conversation: ConversationSpec,
  text: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const mark = rig.connector.sent.length;
  assert.equal((await rig.post(messageFrom(user, conversation, text, overrides))).status, 200);
  const reply = sentTo(conversation, mark).find((a) => attachmentOf(a, ADAPTIVE) !== undefined || attachmentOf(a, OAUTH) !== undefined);
  assert.ok(reply, `no reply to "${text}"`);
  assert.equal(attachmentOf(reply, OAUTH), undefined, `"${text}" asked for sign-in instead of answering`);
  return reply;
}

function hosts(card: unknown): string[] {
  return [...cardText(card).matchAll(/\*\*([a-z0-9.-]+\.contoso\.com)\*\*/g)].map((m) => m[1] ?? '').sort();
}

describe('Teams SSO in a personal chat', () => {
  test('first command → OAuth card with the token exchange resource; the exchange → 200 and the waiting command answers; warm repeat: one OBO in total', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    rig.idp.resetCounts();
    const card = await expectSignInPrompt(ANALYST_A, chat, 'machines for user1');
    assert.equal(card.connectionName, CONNECTION_NAME);
    assert.equal(card.tokenExchangeResource?.uri, `api://botid-${BOT_APP_ID}`);
    assert.equal(card.buttons[0]?.type, 'signin');
    assert.ok(card.buttons[0]?.value.startsWith(`${rig.tokenService.url}/signin?state=`), 'the button is the token service sign-in link');

    const mark = rig.connector.sent.length;
    assert.equal(await exchange(ANALYST_A, chat, card), 200);
    const answer = await nextCard(chat, mark, 'the waiting command’s card');
    assert.match(String(answer.summary), MACHINES_FOR_USER1);
    assert.equal(oboRequests(), 1, 'one on-behalf-of exchange');

    const again = await ask(ANALYST_A, chat, 'machines for user1');
    assert.match(String(again.summary), MACHINES_FOR_USER1);
    const who = await ask(ANALYST_A, chat, `who logged onto ${facts.SEED_MACHINE_IDS.mymachine1}`);
    // Asked by device id: the card names the machine by the id's first 8 characters.
    const shortId = `${facts.SEED_MACHINE_IDS.mymachine1.slice(0, 8)}…`;
    assert.equal(who.summary, `${facts.MYMACHINE1_LOGON_USER_IDS.length} accounts logged on to ${shortId}`);
    assert.equal(oboRequests(), 1, 'warm: still exactly one on-behalf-of request in total');
  });

  test('duplicate exchanges (one per signed-in Teams client) are handled once', async () => {
    const chat = personalChat(ANALYST_B, rig.idp.tenantId);
    const card = await expectSignInPrompt(ANALYST_B, chat, 'machines for user1');
    const before = oboRequests();
    const mark = rig.connector.sent.length;
    const token = rig.idp.mintSsoToken(ANALYST_B);
    const statuses = await Promise.all([
      exchange(ANALYST_B, chat, card, token),
      exchange(ANALYST_B, chat, card, token),
      exchange(ANALYST_B, chat, card, token),
    ]);
    assert.deepEqual(statuses, [200, 200, 200]);
    await nextCard(chat, mark);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(sentTo(chat, mark).filter((a) => attachmentOf(a, ADAPTIVE) !== undefined).length, 1, 'the waiting command answered once');
    assert.equal(oboRequests() - before, 1, 'one exchange for three invokes');
  });
});

describe('every lookup runs as the person who asks or clicks', () => {
  test('A and B see different machines for user1; B clicking A’s "Details" on a device only A sees → not found or not visible', async () => {
    const chatA = personalChat(ANALYST_A, rig.idp.tenantId);
    const chatB = personalChat(ANALYST_B, rig.idp.tenantId);
    const asA = hosts(cardOf(await ask(ANALYST_A, chatA, 'machines for user1')));
    const asB = hosts(cardOf(await ask(ANALYST_B, chatB, 'machines for user1')));
    assert.notDeepEqual(asA, asB, 'different device groups, different lists');
    const onlyA = asA.find((h) => !asB.includes(h));
    assert.ok(onlyA, `a machine only A sees (A: ${asA.join(', ')}; B: ${asB.join(', ')})`);

    // A asks in a group chat; B clicks the button on A's card.
    const group: ConversationSpec = { id: '19:group-a-b@thread.v2', type: 'groupChat', tenantId: rig.idp.tenantId };
    const reply = await ask(ANALYST_A, group, 'machines for user1');
    const who = submitActions(cardOf(reply)).find(
      (a: SubmitAction) => a.title === 'Details' && (a.data.msteams.displayText ?? '').includes(onlyA),
    );
    assert.ok(who, `a "Details" button for ${onlyA}`);
    const clickAsA = await ask(ANALYST_A, group, who.data.msteams.text, { value: who.data.msteams.value, replyToId: reply.id });
    assert.match(String(clickAsA.summary), /^Details of /, 'A may drill down');
    const clickAsB = await ask(ANALYST_B, group, who.data.msteams.text, { value: who.data.msteams.value, replyToId: reply.id });
    const text = cardText(cardOf(clickAsB));
    assert.match(text, /Machine not found/);
    // In a group chat the card says whose access it reflects: the clicker's (issue 13).
    assert.ok(text.includes(`not visible with ${ANALYST_B.name}’s Defender access`), text);
  });
});

describe('failures in plain words', () => {
  test('consent missing → the waiting command gets a card naming the admin consent and the permissions', async () => {
    const chat = personalChat(ANALYST_NO_CONSENT, rig.idp.tenantId);
    const card = await expectSignInPrompt(ANALYST_NO_CONSENT, chat, 'machines for user1');
    const mark = rig.connector.sent.length;
    assert.equal(await exchange(ANALYST_NO_CONSENT, chat, card), 200, 'the SSO token itself is fine');
    const text = cardText(cardOf(await nextCard(chat, mark, 'the consent card')));
    assert.match(text, /administrator must approve/i);
    assert.match(text, /admin consent/i);
    assert.match(text, /Machine\.Read/);
    assert.match(text, new RegExp(BOT_APP_ID));
  });

  test('Alert.Read not consented → an alert command signs in like any lookup, then gets the "no access" card; machines still answer', async () => {
    const chat = personalChat(ANALYST_NO_ALERTS, rig.idp.tenantId);
    const card = await expectSignInPrompt(ANALYST_NO_ALERTS, chat, 'alerts for user1');
    const mark = rig.connector.sent.length;
    assert.equal(await exchange(ANALYST_NO_ALERTS, chat, card), 200);
    const refused = await nextCard(chat, mark, 'the alerts answer');
    assert.equal(refused.summary, 'You don’t have access to this in Defender');
    assert.match(cardText(cardOf(refused)), /View Data.*or the bot lacks its API permission/);
    assert.match(String((await ask(ANALYST_NO_ALERTS, chat, 'machines for user1')).summary), MACHINES_FOR_USER1);
  });

  test('SSO token expired mid-conversation → sign-in prompt again, and the command resumes after a new exchange', async () => {
    const chat = personalChat(ANALYST_C, rig.idp.tenantId);
    // Defender tokens under MSAL's 300 s renewal margin: every lookup exchanges again, so the SSO token's expiry shows.
    rig.idp.setAccessTokenLifetimeSeconds(200);
    try {
      const card = await expectSignInPrompt(ANALYST_C, chat, 'machines for user1');
      // Long enough for the exchange and the waiting command (each an exchange here) even on a busy machine.
      const expiresAt = Date.now() + 6000;
      const mark = rig.connector.sent.length;
      assert.equal(await exchange(ANALYST_C, chat, card, rig.idp.mintSsoToken(ANALYST_C, { expiresInSeconds: 6 })), 200);
      await nextCard(chat, mark);
      await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 1100));

      const again = await expectSignInPrompt(ANALYST_C, chat, 'machine mymachine1.contoso.com');
      assert.ok(
        rig.idp.tokenRequestsOf('on_behalf_of').some((r) => r.aadsts === 500133),
        'Entra said the assertion expired',
      );
      const mark2 = rig.connector.sent.length;
      assert.equal(await exchange(ANALYST_C, chat, again), 200);
      const resumed = await nextCard(chat, mark2, 'the resumed command');
      assert.match(String(resumed.summary), /^Details of mymachine1\.contoso\.com\b/);
    } finally {
      rig.idp.setAccessTokenLifetimeSeconds(3600);
    }
  });

  test('an SSO token that has already expired when Teams sends it → 412, so Teams shows the sign-in button', async () => {
    const user: IdpUser = ANALYST_C;
    const chat: ConversationSpec = { id: '19:group-expired@thread.v2', type: 'groupChat', tenantId: rig.idp.tenantId };
    await rig.post(messageFrom(user, chat, 'sign out'));
    const card = await expectSignInPrompt(user, chat, 'machines for user1');
    assert.equal(await exchange(user, chat, card, rig.idp.mintSsoToken(user, { expiresInSeconds: -120 })), 412);
  });

  test('an SSO token that belongs to someone else is refused and does not replace the asker’s own', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    const before = oboRequests();
    const mark = rig.connector.sent.length;
    const forged = invokeFrom(ANALYST_A, chat, 'signin/tokenExchange', {
      id: 'forged-exchange',
      connectionName: CONNECTION_NAME,
      token: rig.idp.mintSsoToken(ANALYST_B),
    });
    assert.equal((await rig.post(forged)).status, 200);
    assert.match(cardText(cardOf(await nextCard(chat, mark))), /not for your account/);
    assert.equal(oboRequests(), before, 'never sent to Entra');
    assert.match(String((await ask(ANALYST_A, chat, 'machines for user1')).summary), MACHINES_FOR_USER1, 'A is still signed in as A');
  });

  test('signin/failure → a card that says what to do', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    const mark = rig.connector.sent.length;
    assert.equal(
      (await rig.post(invokeFrom(ANALYST_A, chat, 'signin/failure', { code: 'resourcematchfailed', message: 'Resource match failed' })))
        .status,
      200,
    );
    assert.match(cardText(cardOf(await nextCard(chat, mark))), /webApplicationInfo/);
    const mark2 = rig.connector.sent.length;
    await rig.post(invokeFrom(ANALYST_A, chat, 'signin/failure', { code: 'installedappnotfound', message: 'app not found' }));
    assert.match(cardText(cardOf(await nextCard(chat, mark2))), /Reinstall the app/);
    assert.match(rig.output(), /"event":"signInFailure","code":"resourcematchfailed"/);
  });
});

describe('sign out', () => {
  test('sign out forgets the SSO token, the on-behalf-of credentials and the token service’s token; the next command asks again', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    const reply = await ask(ANALYST_A, chat, 'sign out');
    assert.match(cardText(cardOf(reply)), /You’re signed out/);
    assert.ok(
      rig.tokenService.calls.some(
        (c) => c.method === 'DELETE' && c.path === '/api/usertoken/SignOut' && c.userId === teamsUser(ANALYST_A).id,
      ),
      'the token service was told',
    );
    const before = oboRequests();
    const card = await expectSignInPrompt(ANALYST_A, chat, 'machines for user1');
    assert.equal(oboRequests(), before, 'no exchange without a token');
    const mark = rig.connector.sent.length;
    assert.equal(await exchange(ANALYST_A, chat, card), 200);
    await nextCard(chat, mark);
    assert.equal(oboRequests() - before, 1, 'the cached credentials were gone: a new exchange');
  });
});

describe('channels (no SSO): the OAuth card (CHANNEL_SIGNIN=oauth-card, the default)', () => {
  const channel = (): ConversationSpec => ({
    id: '19:soc-channel@thread.tacv2;messageid=1763889611456',
    type: 'channel',
    tenantId: rig.idp.tenantId,
  });

  test('a channel command → OAuth card without exchange resource; the sign-in button’s verifyState → the command answers in the channel', async () => {
    const card = await expectSignInPrompt(CHANNEL_USER, channel(), 'machines for user1');
    assert.equal(card.tokenExchangeResource, undefined, 'no SSO in channels');
    const link = card.buttons[0]?.value ?? '';
    assert.ok(link.startsWith(`${rig.tokenService.url}/signin`), link);
    // The user signs in on the token service's page; Teams sends the magic code back.
    const code = rig.tokenService.completeSignIn(teamsUser(CHANNEL_USER).id, CONNECTION_NAME, rig.idp.mintSsoToken(CHANNEL_USER));
    const mark = rig.connector.sent.length;
    assert.equal((await rig.post(invokeFrom(CHANNEL_USER, channel(), 'signin/verifyState', { state: code }))).status, 200);
    const answer = await nextCard(channel(), mark, 'the answer in the channel');
    assert.match(String(answer.summary), MACHINES_FOR_USER1);
    assert.equal(
      (await rig.post(invokeFrom(CHANNEL_USER, channel(), 'signin/verifyState', { state: '000000' }))).status,
      404,
      'an unknown code',
    );
  });

  test('sign-in button, token Entra already refuses as expired → the waiting command gets a card saying so, no new prompt', async () => {
    await rig.post(messageFrom(CHANNEL_USER, channel(), 'sign out'));
    await expectSignInPrompt(CHANNEL_USER, channel(), 'machines for user1');
    const expired = rig.idp.mintSsoToken(CHANNEL_USER, { expiresInSeconds: -120 });
    const code = rig.tokenService.completeSignIn(teamsUser(CHANNEL_USER).id, CONNECTION_NAME, expired);
    const mark = rig.connector.sent.length;
    assert.equal((await rig.post(invokeFrom(CHANNEL_USER, channel(), 'signin/verifyState', { state: code }))).status, 200);
    const answer = await nextCard(channel(), mark, 'the waiting command’s answer');
    assert.equal(answer.summary, 'Your sign-in has expired: please sign in again');
    await new Promise((r) => setTimeout(r, 300));
    const sent = sentTo(channel(), mark).map((a) => (attachmentOf(a, OAUTH) === undefined ? 'card' : 'prompt'));
    assert.deepEqual(sent, ['card'], 'one card and no second prompt');
  });

  test('a user the token service already has a token for is answered at once', async () => {
    rig.tokenService.setToken(teamsUser(RETURNING_USER).id, CONNECTION_NAME, rig.idp.mintSsoToken(RETURNING_USER));
    const reply = await ask(RETURNING_USER, channel(), 'machines for user1');
    assert.match(String(reply.summary), MACHINES_FOR_USER1);
  });
});

describe('what the bot sends and writes', () => {
  test('every call to the connector and the token service carried the bot’s app token', () => {
    assert.equal(rig.connector.unauthorized, 0);
    assert.ok(rig.connector.sent.length > 10);
    assert.ok(rig.tokenService.calls.length > 0 && rig.tokenService.calls.every((c) => c.authorized));
    assert.ok(rig.idp.tokenRequestsOf('client_credentials').every((r) => r.status === 200));
  });

  test('no log line (stdout or stderr) contains anything JWT-shaped', () => {
    const output = rig.output();
    assert.match(output, /command answered/, 'the scan saw real log lines');
    assert.deepEqual(jwtShapedStrings([output]), []);
  });
});
