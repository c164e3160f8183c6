// The "Find a device" search in production: the bot as a child process with real botbuilder/teams-ai
// and @azure/identity (scripts/rig/production-rig.ts). A search from someone the bot has no token for
// is answered with `silentAuth` and the token service's sign-in link; Teams' single sign-on then sends
// the query again with the user's SSO token (authentication.token), which goes through the same
// checks and on-behalf-of exchange as the bot's own sign-in; where SSO fails, 412 sends Teams to the
// sign-in link, whose magic code comes back as `state`. Tests run in order and share one bot.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { cardTitle } from '../../scripts/rig/bot-harness';
import { ANALYST_A, ANALYST_B } from '../../scripts/rig/identity/fixtures';
import {
  CHANNEL_USER,
  CONNECTION_NAME,
  invokeFrom,
  personalChat,
  startProductionRig,
  teamsUser,
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

interface ComposeResult {
  type: string;
  text?: string;
  attachments?: Array<{ content: Record<string, unknown>; preview?: { content: { title: string; tap?: { value: unknown } } } }>;
  suggestedActions?: { actions: Array<{ type: string; value: string }> };
}

async function search(
  user: IdpUser,
  chat: ConversationSpec,
  query: string,
  extra: Record<string, unknown> = {},
): Promise<{ status: number; result?: ComposeResult }> {
  const value = { commandId: 'findDevice', parameters: [{ name: 'query', value: query }], queryOptions: { skip: 0, count: 25 }, ...extra };
  const { status, body } = await rig.post(invokeFrom(user, chat, 'composeExtension/query', value));
  const parsed = body === '' ? undefined : (JSON.parse(body) as { composeExtension?: ComposeResult });
  return { status, ...(parsed?.composeExtension === undefined ? {} : { result: parsed.composeExtension }) };
}

function titles(result: ComposeResult | undefined): string[] {
  assert.equal(result?.type, 'result', JSON.stringify(result).slice(0, 300));
  return (result?.attachments ?? []).map((a) => a.preview?.content.title ?? '').sort();
}

const obo = () => rig.idp.tokenRequestsOf('on_behalf_of').length;
const defenderCalls = () => rig.sim.calls.total();

describe('Find a device: sign-in from the search box', () => {
  test('no token yet → silentAuth with the token service’s sign-in link, and no Defender call', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    const before = defenderCalls();
    const { status, result } = await search(ANALYST_A, chat, 'mymachine');
    assert.equal(status, 200);
    assert.equal(result?.type, 'silentAuth');
    const action = result?.suggestedActions?.actions[0];
    assert.equal(action?.type, 'openUrl');
    assert.ok(action?.value.startsWith(`${rig.tokenService.url}/signin?state=`), action?.value);
    assert.equal(defenderCalls(), before);
  });

  test('the query again with the SSO token → the result list as that analyst, after one on-behalf-of exchange; later queries need no token', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    const before = obo();
    const first = await search(ANALYST_A, chat, 'mymachine', { authentication: { token: rig.idp.mintSsoToken(ANALYST_A) } });
    assert.deepEqual(titles(first.result), [...facts.HOST_PREFIX.computerDnsNames].sort());
    assert.equal(obo() - before, 1);
    const later = await search(ANALYST_A, chat, 'mymachine1');
    assert.deepEqual(titles(later.result), ['mymachine1.contoso.com']);
    assert.equal(obo() - before, 1, 'still one exchange');
  });

  test('picking a result inserts the machine’s details card, fetched with the analyst’s token', async () => {
    const chat = personalChat(ANALYST_A, rig.idp.tenantId);
    const rows = (await search(ANALYST_A, chat, 'mymachine1')).result?.attachments ?? [];
    const tap = rows[0]?.preview?.content.tap?.value;
    assert.ok(tap);
    const { status, body } = await rig.post(invokeFrom(ANALYST_A, chat, 'composeExtension/selectItem', tap));
    assert.equal(status, 200);
    const result = (JSON.parse(body) as { composeExtension: ComposeResult }).composeExtension;
    assert.match(cardTitle(result.attachments?.[0]?.content ?? {}), /mymachine1\.contoso\.com/);
  });

  test('an SSO token that has expired → 412, so Teams shows the sign-in link', async () => {
    const chat = personalChat(ANALYST_B, rig.idp.tenantId);
    const expired = rig.idp.mintSsoToken(ANALYST_B, { expiresInSeconds: -120 });
    const { status } = await search(ANALYST_B, chat, 'mymachine', { authentication: { token: expired } });
    assert.equal(status, 412);
  });

  test('someone else’s SSO token is refused in the search box and never sent to Entra', async () => {
    const chat = personalChat(ANALYST_B, rig.idp.tenantId);
    const before = obo();
    const { status, result } = await search(ANALYST_B, chat, 'mymachine', { authentication: { token: rig.idp.mintSsoToken(ANALYST_A) } });
    assert.equal(status, 200);
    assert.equal(result?.type, 'message');
    assert.match(result?.text ?? '', /not for your account/);
    assert.equal(obo(), before);
  });

  test('the sign-in link’s magic code (state) → the result list', async () => {
    const chat = personalChat(CHANNEL_USER, rig.idp.tenantId);
    assert.equal((await search(CHANNEL_USER, chat, 'mymachine')).result?.type, 'silentAuth');
    const code = rig.tokenService.completeSignIn(teamsUser(CHANNEL_USER).id, CONNECTION_NAME, rig.idp.mintSsoToken(CHANNEL_USER));
    const { result } = await search(CHANNEL_USER, chat, 'mymachine', { state: code });
    assert.deepEqual(titles(result), [...facts.HOST_PREFIX.computerDnsNames].sort());
  });
});
