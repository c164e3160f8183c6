// The layers behind the pre-check, on their own: botbuilder's validateClaims hook and the check of a
// verified identity against its activity refuse anything but a channel token for this bot and
// activity, and what botbuilder prints while it checks a token is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { AuthenticationError, ClaimsIdentity, type AuthenticateRequestResult } from 'botframework-connector';
import { channelOnlyAuthConfiguration, refusalOfVerified } from '../../src/teams/channel-only-auth';
import { quietly } from '../../src/teams/quiet-sdk-console';

const BOT = '0b5e7a1c-4d2f-4e8a-9b3c-6d7e8f901a2b';
const URL_ = 'https://smba.trafficmanager.net/amer/';
const policy = { issuer: 'https://api.botframework.com', botId: BOT, allowedTenantIds: [] };
const claims = (o: Record<string, string>) => Object.entries(o).map(([type, value]) => ({ type, value }));
const channel = { iss: 'https://api.botframework.com', aud: BOT, serviceurl: URL_ };

test('validateClaims takes channel claims and refuses verified emulator (Entra) and skill claims', async () => {
  const validate = channelOnlyAuthConfiguration(policy).validateClaims;
  assert.ok(validate);
  await validate(claims(channel));
  const refused: Array<Record<string, string>> = [
    { iss: 'https://sts.windows.net/99999999-aaaa-4bbb-8ccc-dddddddddddd/', aud: BOT, appid: BOT, ver: '1.0' },
    { iss: 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0', aud: BOT, azp: 'other', ver: '2.0' },
    { ...channel, ver: '1.0', appid: 'another-bot' },
  ];
  for (const c of refused)
    await assert.rejects(validate(claims(c)), (e: unknown) => e instanceof AuthenticationError && e.statusCode === 401, JSON.stringify(c));
});

test('a verified identity must name the channel issuer, this bot and the activity’s serviceUrl', () => {
  const result = (c: Record<string, string>, authenticated = true): AuthenticateRequestResult =>
    ({ claimsIdentity: new ClaimsIdentity(claims(c), authenticated), audience: '', callerId: '' }) as AuthenticateRequestResult;
  const activity = { serviceUrl: URL_ } as Activity;
  assert.equal(refusalOfVerified(result(channel), activity, policy), undefined);
  assert.equal(refusalOfVerified(result(channel, false), activity, policy), 'not authenticated');
  assert.equal(
    refusalOfVerified(result({ ...channel, iss: 'https://sts.windows.net/x/' }), activity, policy),
    'not issued by the Bot Framework channel',
  );
  assert.equal(refusalOfVerified(result({ ...channel, aud: 'someone-else' }), activity, policy), 'not for this bot');
  assert.equal(
    refusalOfVerified(result(channel), { serviceUrl: 'https://attacker.example/' } as Activity, policy),
    'serviceurl claim does not match the activity',
  );
});

test('console output made inside quietly() is dropped; outside it, it still appears', async () => {
  const seen = await stderrOf(async () => {
    await quietly(async () => {
      await Promise.resolve();
      console.error('inside: a stack trace botbuilder would print');
    });
    console.error('outside: still printed');
  });
  assert.deepEqual(seen, ['outside: still printed']);
});

test('quietly() keeps working when checks overlap and after the last one ended (its scope is turned off in between)', async () => {
  const seen = await stderrOf(async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = quietly(async () => {
      await held;
      console.error('first, after the second ended');
    });
    await quietly(async () => {
      await Promise.resolve();
      console.error('second');
    });
    console.error('between: printed');
    release();
    await first;
    console.error('after both: printed');
    await quietly(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      console.error('third, a new check later');
    });
  });
  assert.deepEqual(seen, ['between: printed', 'after both: printed']);
});

/** What `work` wrote to stderr (console.error included), line by line, trimmed; nothing reaches the real stderr. */
async function stderrOf(work: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    seen.push(String(chunk).trim());
    return true;
  }) as typeof process.stderr.write;
  try {
    await work();
  } finally {
    process.stderr.write = original;
  }
  return seen;
}
