// Red-team cases against the production bot (child process, test/helpers/production-rig.ts): tokens
// that are not Bot Framework channel tokens, or are forged, never reach a handler. The rig points
// botbuilder's emulator metadata at the local IdP (as Azure's points at Entra's keys), so an
// emulator-style token here verifies cryptographically: only the channel-only policy refuses it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANALYST_C, BOT_APP_ID } from '../../scripts/rig/identity/fixtures';
import { invokeFrom, messageFrom, personalChat, startProductionRig, waitFor, type ProductionRig } from '../../scripts/rig/production-rig';

const FOREIGN_TENANT = '99999999-aaaa-4bbb-8ccc-dddddddddddd';
let rig: ProductionRig;
let attacker: { url: string; requests: Array<{ path: string; authorization?: string }>; server: Server };

before(async () => {
  rig = await startProductionRig();
  const requests: Array<{ path: string; authorization?: string }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    requests.push({
      path: req.url ?? '',
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
    });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"1"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  attacker = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, server };
});

after(async () => {
  await rig?.close();
  await new Promise<void>((resolve) => (attacker ? attacker.server.close(() => resolve()) : resolve()));
});

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

/** The key id the Bot Framework metadata publishes (what a forger would copy from a real token). */
function channelKid(): string {
  const header = JSON.parse(Buffer.from(rig.channelToken().split('.')[0] ?? '', 'base64url').toString()) as { kid: string };
  return header.kid;
}

function channelClaims(serviceUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { serviceurl: serviceUrl, nbf: now() - 60, exp: now() + 3600, iss: 'https://api.botframework.com', aud: BOT_APP_ID, ...extra };
}

function refusedLines(): string[] {
  return rig
    .output()
    .split('\n')
    .filter((l) => l.includes('"event":"inboundRefused"'));
}

async function expectRefused(authorization: string, serviceUrl = attacker.url): Promise<void> {
  const defenderCalls = rig.sim.calls.entries().length;
  const sent = rig.connector.sent.length;
  const attackerRequests = attacker.requests.length;
  const refusals = refusedLines().length;
  const res = await rig.post(messageFrom(ANALYST_C, personalChat(ANALYST_C, rig.idp.tenantId), 'machines for user1'), {
    authorization,
    serviceUrl,
  });
  assert.equal(res.status, 401, res.body);
  assert.deepEqual(JSON.parse(res.body), { error: 'unauthorized' }, 'a generic body, no internal error text');
  await waitFor(() => (refusedLines().length > refusals ? true : undefined), 3000, 'an inboundRefused log line');
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(rig.sim.calls.entries().length, defenderCalls, 'no Defender call');
  assert.equal(rig.connector.sent.length, sent, 'no reply');
  assert.equal(attacker.requests.length, attackerRequests, 'nothing (and no app token) POSTed to the activity’s serviceUrl');
}

describe('emulator and skill tokens are refused in production', () => {
  test('an Entra token with aud = appid = BOT_ID from a foreign tenant (botbuilder’s emulator path) → 401, no Defender call, nothing sent to its serviceUrl', async () => {
    const forged = rig.idp.mintAppToken({
      audience: BOT_APP_ID,
      clientId: BOT_APP_ID,
      claims: { iss: `https://sts.windows.net/${FOREIGN_TENANT}/`, tid: FOREIGN_TENANT },
    });
    await expectRefused(`Bearer ${forged}`);
  });

  test('the same token with the rig tenant’s own issuer (signature and issuer both valid for Entra) → 401', async () => {
    const forged = rig.idp.mintAppToken({ audience: BOT_APP_ID, clientId: BOT_APP_ID });
    await expectRefused(`Bearer ${forged}`);
  });

  test('a skill token (ver, appid of another bot, aud = BOT_ID) → 401', async () => {
    const forged = rig.idp.mintAppToken({ audience: BOT_APP_ID, clientId: '12345678-1234-4234-8234-123456789012' });
    await expectRefused(`Bearer ${forged}`);
  });

  test('a genuinely signed channel token carrying a foreign tid → 401 before botbuilder sees it', async () => {
    await expectRefused(`Bearer ${rig.channelToken({ serviceUrl: attacker.url, claims: { tid: FOREIGN_TENANT } })}`);
  });

  test('a valid channel token whose serviceurl is not the activity’s → 401', async () => {
    await expectRefused(`Bearer ${rig.channelToken()}`, attacker.url);
  });
});

describe('forged signatures are a 401 with a generic body, never a 500', () => {
  test('alg none with the channel key’s kid', async () => {
    await expectRefused(
      `Bearer ${b64({ alg: 'none', typ: 'JWT', kid: channelKid() })}.${b64(channelClaims(rig.connector.url))}.`,
      rig.connector.url,
    );
  });

  test('alg none with an empty signature segment that still has three parts', async () => {
    await expectRefused(
      `Bearer ${b64({ alg: 'none', kid: channelKid() })}.${b64(channelClaims(rig.connector.url))}.AAAA`,
      rig.connector.url,
    );
  });

  test('HS256 keyed with the kid', async () => {
    const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: channelKid() })}.${b64(channelClaims(rig.connector.url))}`;
    const sig = createHmac('sha256', channelKid()).update(head).digest('base64url');
    await expectRefused(`Bearer ${head}.${sig}`, rig.connector.url);
  });

  test('RS256 with the right kid but a signature from another key', async () => {
    const genuine = rig.channelToken();
    const other = rig.channelToken({ signWith: 'unknownKey' });
    const [h, p] = genuine.split('.');
    await expectRefused(`Bearer ${h ?? ''}.${p ?? ''}.${other.split('.')[2] ?? ''}`, rig.connector.url);
  });

  test('a genuinely signed token whose nbf is an hour ahead', async () => {
    await expectRefused(`Bearer ${rig.channelToken({ claims: { nbf: now() + 3600 } })}`, rig.connector.url);
  });
});

describe('what the bot logs', () => {
  test('refusals name the reason and the token’s unverified iss/appid; botbuilder prints no stack trace or key', () => {
    const lines = refusedLines().map(
      (l) => JSON.parse(l) as { level: number; reason: string; tokenClaims: { iss?: string; appid?: string } },
    );
    assert.ok(lines.length >= 10);
    assert.ok(lines.every((l) => l.level === 40 && l.reason.length > 0 && l.reason.length < 200));
    const emulator = lines.find((l) => l.tokenClaims.iss === `https://sts.windows.net/${FOREIGN_TENANT}/`);
    assert.equal(emulator?.tokenClaims.appid, BOT_APP_ID);
    assert.doesNotMatch(rig.output(), /BEGIN (PUBLIC KEY|CERTIFICATE)|Error finding key|at JwtTokenExtractor|AuthenticationError/);
  });

  test('an answered command’s audit line names the channel issuer that vouched for it', async () => {
    const chat = personalChat(ANALYST_C, rig.idp.tenantId);
    assert.equal((await rig.post(messageFrom(ANALYST_C, chat, 'help'))).status, 200);
    const line = await waitFor(
      () =>
        rig
          .output()
          .split('\n')
          .find((l) => l.includes('"msg":"command answered"')),
      3000,
      'the audit line',
    );
    const audit = (JSON.parse(line) as { audit: { inboundToken?: { iss?: string; aud?: string } } }).audit;
    assert.deepEqual(audit.inboundToken, { iss: 'https://api.botframework.com', aud: BOT_APP_ID });
  });
});

describe('log amplification', () => {
  test('a 250 KB malformed body → 400 and a log line that gives its type and size, not its content', async () => {
    const body = `{"type":"message","text":"${'x'.repeat(250_000)}`;
    const res = await fetch(`${rig.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(res.status, 400);
    const line = await waitFor(
      () =>
        rig
          .output()
          .split('\n')
          .find((l) => l.includes('"event":"requestRefused"')),
      3000,
      'the refusal line',
    );
    assert.ok(line.length < 1000, `log line of ${line.length} characters`);
    const record = JSON.parse(line) as { type: string; bodyBytes: number };
    assert.equal(record.type, 'entity.parse.failed');
    assert.equal(record.bodyBytes, Buffer.byteLength(body));
  });

  test('signin/failure: a token at character 250 of the message is redacted before the message is cut; the code is capped', async () => {
    const chat = personalChat(ANALYST_C, rig.idp.tenantId);
    const token = rig.channelToken();
    const value = { code: `c${'o'.repeat(20_000)}`, message: `${'m'.repeat(250)} ${token}` };
    assert.equal((await rig.post(invokeFrom(ANALYST_C, chat, 'signin/failure', value))).status, 200);
    const line = await waitFor(
      () =>
        rig
          .output()
          .split('\n')
          .find((l) => l.includes('"event":"signInFailure"')),
      3000,
      'the signInFailure line',
    );
    assert.ok(!line.includes(token.slice(0, 40)), 'no part of the token');
    assert.doesNotMatch(line, /eyJ/);
    const record = JSON.parse(line) as { code: string; message: string };
    assert.ok(record.code.length < 140, `code of ${record.code.length} characters`);
    assert.ok(record.message.startsWith(`${'m'.repeat(250)} [redacted]`), record.message);
  });
});

describe('tenant fields', () => {
  test('an activity whose conversation tenant is allowed but whose channelData tenant is not → refused, no Defender call', async () => {
    const chat = personalChat(ANALYST_C, rig.idp.tenantId);
    const defenderCalls = rig.sim.calls.entries().length;
    const sent = rig.connector.sent.length;
    const activity = { ...messageFrom(ANALYST_C, chat, 'machines for user1'), channelData: { tenant: { id: FOREIGN_TENANT } } };
    assert.equal((await rig.post(activity)).status, 200);
    const reply = await waitFor(() => rig.connector.sent.slice(sent).find((s) => s.conversationId === chat.id), 3000, 'the refusal');
    assert.match(String(reply.activity.text), /isn’t available to your organization/);
    assert.equal(rig.sim.calls.entries().length, defenderCalls);
    assert.match(rig.output(), new RegExp(`"event":"tenantRefused".*"channelDataTenantId":"${FOREIGN_TENANT}"`));
  });
});
