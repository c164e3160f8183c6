// Faults outside Defender, through the real bot over HTTP: the Teams connector (the activity's
// serviceUrl) failing to take a reply, and an exception thrown inside a turn. The bot must not crash,
// must not post a card twice, must say what happened (log and audit), and the next command must work.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { cardOf, cardText, cardTitle, personalMessage, startHarness, type Harness } from '../../scripts/rig/bot-harness';

interface LogLine {
  level: number;
  msg: string;
  event?: string;
  referenceId?: string;
  err?: { message?: string; stack?: string };
  audit?: Record<string, unknown>;
}

function logs(h: Harness): LogLine[] {
  return h.logLines.map((l) => JSON.parse(l) as LogLine);
}

function auditsOf(h: Harness, from: number): Array<Record<string, unknown>> {
  return logs(h)
    .slice(from)
    .flatMap((l) => (l.audit === undefined ? [] : [l.audit]));
}

function messageAttempts(h: Harness): Array<number | 'reset'> {
  return h.connector.postAttempts.filter((a) => a.type === 'message').map((a) => a.answered);
}

describe('the Teams connector fails to take a reply', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ RESULT_CACHE_TTL_SECONDS: '0' });
  });
  after(async () => {
    await h.close();
  });

  for (const fault of [{ status: 503 } as const, { status: 500 } as const, 'reset' as const]) {
    const name = fault === 'reset' ? 'a dropped connection' : `HTTP ${fault.status}`;
    test(`${name}: the card is posted once, not resent; logged and audited; the next command is answered`, async () => {
      h.connector.reset();
      const logFrom = h.logLines.length;
      h.connector.failNextPosts(fault);
      const status = await h.post(personalMessage('machines for user1'));
      assert.equal(status, 200, 'the turn itself ended normally');
      assert.deepEqual(messageAttempts(h), [fault === 'reset' ? 'reset' : fault.status], 'exactly one attempt at the card');

      const audits = auditsOf(h, logFrom);
      assert.equal(audits.length, 1);
      assert.equal(audits[0]?.outcome, 'machines');
      assert.equal(audits[0]?.undelivered, fault === 'reset' ? 'connectionLost' : 'serverError');
      assert.ok(
        logs(h)
          .slice(logFrom)
          .some((l) => l.event === 'replyNotDelivered' && l.level === 50),
        'an error line says the reply was not delivered',
      );

      const next = await h.exchange(personalMessage('machines for user1'));
      assert.equal(next.length, 1, 'the next command is answered');
      assert.equal(next[0]?.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);
    });
  }

  test('429 with Retry-After: the card is delivered once, after the wait, and the retry is logged', async () => {
    h.connector.reset();
    const logFrom = h.logLines.length;
    h.connector.failNextPosts({ status: 429, retryAfter: '1' });
    const started = Date.now();
    const replies = await h.exchange(personalMessage('machines for user1'));
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    assert.equal(replies.length, 1);
    assert.deepEqual(messageAttempts(h), [429, 200]);
    assert.ok(
      logs(h)
        .slice(logFrom)
        .some((l) => l.event === 'connectorRetry' && l.level === 40),
    );
    assert.equal(auditsOf(h, logFrom)[0]?.undelivered, undefined);
  });
});

describe('an exception inside a turn', () => {
  let h: Harness;
  let breakClock = false;
  before(async () => {
    // The clock is injected I/O: arming it makes the next read throw, deep inside our own code.
    h = await startHarness(
      {},
      {},
      {
        now: () => {
          if (breakClock) {
            breakClock = false;
            throw new Error('clock broke: injected by the test');
          }
          return new Date();
        },
      },
    );
  });
  after(async () => {
    await h.close();
  });

  const cases = [
    {
      where: 'in the command handler',
      text: 'who logged onto mymachine1.contoso.com',
      answered: /^\d+ accounts? logged on to mymachine1\.contoso\.com$/,
    },
    { where: 'while rendering the card', text: 'help', answered: /^What I can do: / },
  ];
  for (const c of cases) {
    test(`${c.where}: a generic error card with a reference id; the full error in the log under it; then business as usual`, async () => {
      const logFrom = h.logLines.length;
      breakClock = true;
      const replies = await h.exchange(personalMessage(c.text));
      assert.equal(replies.length, 1, 'exactly one reply');
      const text = cardText(replies[0]?.attachments);
      assert.equal(cardTitle(cardOf(replies[0] ?? {})), 'Something went wrong on our side');
      const ref = /reference \*{0,2}([0-9a-f-]{36})/i.exec(text)?.[1];
      assert.ok(ref !== undefined, `a reference id on the card: ${text}`);
      assert.doesNotMatch(text, /clock broke|at .*\.js:\d+/, 'no error message or stack on the card');

      const logged = logs(h)
        .slice(logFrom)
        .find((l) => l.referenceId === ref);
      assert.ok(logged !== undefined, 'the reference id is in the log');
      assert.equal(logged.level, 50);
      assert.match(String(logged.err?.message), /clock broke/);
      assert.match(String(logged.err?.stack), /\.js:\d+/, 'with its stack');

      const next = await h.exchange(personalMessage(c.text));
      assert.match(String(next[0]?.summary), c.answered, 'the next command works');
    });
  }
});
