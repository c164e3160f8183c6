// The whole bot over HTTP: Teams-shaped activities in at /api/messages, replies captured at a local
// connector, Defender answered by the simulated tenant. Asserts what the user sees and the exact
// Defender calls each step makes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { TYPING_DELAY_MS, TYPING_RENEW_MS } from '../../src/teams/typing';
import {
  cardOf,
  cardText,
  cardTitle,
  channelMessage,
  clickOf,
  personalMessage,
  startHarness,
  submitActions,
  type Harness,
  type SubmitAction,
  apiCalls,
  onlyReply,
} from '../../scripts/rig/bot-harness';

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/;

/** The outcome of every audit line the bot wrote, in order. */
function auditedOutcomes(h: Harness): string[] {
  return h.logLines.map((l) => JSON.parse(l) as { audit?: { outcome: string } }).flatMap((l) => (l.audit ? [l.audit.outcome] : []));
}

/** A button whose title starts with `title` ("Next" matches "Next (2 of 3) ▶"). */
function buttonNamed(card: unknown, title: string, predicate: (a: SubmitAction) => boolean = () => true): SubmitAction {
  const found = submitActions(card).find((a) => a.title.startsWith(title) && predicate(a));
  assert.ok(
    found,
    `no "${title}" button in ${submitActions(card)
      .map((a) => a.title)
      .join(', ')}`,
  );
  return found;
}

describe('drill-down walk in a personal chat', () => {
  let h: Harness;
  // These tests count the exact Defender calls of each step, so the per-person cache is off here;
  // 'per-person result cache' below covers repeats.
  before(async () => {
    h = await startHarness({ RESULT_CACHE_TTL_SECONDS: '0' });
  });
  after(async () => {
    await h.close();
  });

  test('machines for user1 → Details → Who logged on → Machines (for a user) → Next page, one Defender call per step', async () => {
    // Step 1: typed command.
    h.sim.calls.reset();
    const first = onlyReply(await h.exchange(personalMessage('machines for user1')));
    const machinesCard = cardOf(first);
    assert.equal(first.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);
    assert.match(cardText(machinesCard), /mymachine1\.contoso\.com/);
    assert.match(cardText(machinesCard), /your/i, 'the title says the list is what your access shows');
    assert.deepEqual(apiCalls(h), ['GET /api/users/user1/machines']);

    // Step 2: "Details" on mymachine1 (the list has one button per machine), then "Who logged on" there.
    h.sim.calls.reset();
    const detailsButton = buttonNamed(machinesCard, 'Details', (a) =>
      JSON.stringify(a.data.msteams.value).includes(facts.SEED_MACHINE_IDS.mymachine1),
    );
    const details = onlyReply(await h.exchange(clickOf(detailsButton, first)));
    assert.match(String(details.summary), /^Details of mymachine1\.contoso\.com/);
    assert.deepEqual(apiCalls(h), [`GET /api/machines/${facts.SEED_MACHINE_IDS.mymachine1}`]);
    h.sim.calls.reset();
    const second = onlyReply(await h.exchange(clickOf(buttonNamed(cardOf(details), 'Who logged on'), details)));
    const logonCard = cardOf(second);
    const logonText = cardText(logonCard);
    for (const id of facts.MYMACHINE1_LOGON_USER_IDS) assert.ok(logonText.includes(id.split('\\')[1] ?? id), `${id} listed`);
    assert.match(logonText, /domain admin/i);
    // Named by the host name the bot sealed onto the button (a forged label would show the id: forged-labels.test.ts).
    assert.ok(String(second.summary).endsWith('logged on to mymachine1.contoso.com'), String(second.summary));
    assert.deepEqual(apiCalls(h), [`GET /api/machines/${facts.SEED_MACHINE_IDS.mymachine1}/logonusers`]);

    // Step 3: "Machines" on the domain admin.
    h.sim.calls.reset();
    const adminButton = buttonNamed(logonCard, 'Machines', (a) =>
      JSON.stringify(a.data.msteams.value).includes(facts.DOMAIN_ADMIN.accountName),
    );
    const third = onlyReply(await h.exchange(clickOf(adminButton, second)));
    const adminCard = cardOf(third);
    assert.ok(
      String(third.summary).startsWith(`${facts.DOMAIN_ADMIN.machineCount} machines for ${facts.DOMAIN_ADMIN.accountName}`),
      String(third.summary),
    );
    assert.match(cardText(adminCard), /page 1 of 3/i);
    assert.deepEqual(apiCalls(h), [`GET /api/users/${facts.DOMAIN_ADMIN.accountName}/machines`]);

    // Step 4: Next page, into the same card (issue 13): an edit of that message, no new one.
    h.sim.calls.reset();
    const edits = h.connector.updates.length;
    assert.deepEqual(await h.exchange(clickOf(buttonNamed(adminCard, 'Next'), third)), []);
    const edit = h.connector.updates.slice(edits);
    assert.deepEqual(
      edit.map((u) => [u.activityId, u.answered]),
      [[third.id, 200]],
    );
    const page2 = cardOf(edit[0]?.activity ?? {});
    assert.match(cardText(page2), /page 2 of 3/i);
    assert.ok(submitActions(page2).some((a) => /Previous/.test(a.title)));
    assert.deepEqual(apiCalls(h), [`GET /api/users/${facts.DOMAIN_ADMIN.accountName}/machines`]);
    const page1Hosts = new Set(
      submitActions(adminCard)
        .filter((a) => a.title === 'Details')
        .map((a) => JSON.stringify(a.data.msteams.value)),
    );
    const page2Hosts = submitActions(page2)
      .filter((a) => a.title === 'Details')
      .map((a) => JSON.stringify(a.data.msteams.value));
    assert.ok(page2Hosts.length > 0 && page2Hosts.every((v) => !page1Hosts.has(v)), 'page 2 shows other machines than page 1');
  });

  // That an answer ready within TYPING_DELAY_MS comes without a typing indicator is timing, checked
  // with a controlled clock in test/teams/turn/deliver.test.ts; a round trip here may take longer.
  test('every reply carries a summary, a fallback text and the demo footer', async () => {
    h.connector.reset();
    const reply = onlyReply(await h.exchange(personalMessage('machines for user1')));
    const card = cardOf(reply);
    assert.equal(reply.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);
    assert.ok(String(card.fallbackText).startsWith(`${facts.USER1_MACHINE_IDS.length} machines for user1\n`), String(card.fallbackText));
    assert.match(cardText(card), /demo tenant/i);
  });

  test('a slow Defender: the typing indicator appears while the analyst waits and is renewed until the card arrives', async () => {
    // Slower than the first indicator plus one renewal: two indicators at least, whatever the machine's speed.
    h.sim.faults.set({ kind: 'latency', ms: TYPING_DELAY_MS + TYPING_RENEW_MS + 500 }, { times: 1 });
    h.connector.reset();
    const started = performance.now();
    await h.exchange(personalMessage('machines for user1'));
    const elapsed = performance.now() - started;
    const kinds = h.connector.sent.map((s) => s.activity.type);
    const typings = kinds.filter((k) => k === 'typing').length;
    assert.equal(kinds[0], 'typing', `typing before the card: ${kinds.join(',')}`);
    assert.ok(typings >= 2, `typing renewed: ${kinds.join(',')}`);
    // One source of indicators, renewed every TYPING_RENEW_MS: within the round trip there is room
    // for at most this many (teams-ai's own 1 s timer, if it ran too, would add more).
    const most = 1 + Math.floor((elapsed - TYPING_DELAY_MS) / TYPING_RENEW_MS);
    assert.ok(typings <= most, `${typings} indicators in ${elapsed.toFixed(0)} ms, at most ${most} expected: ${kinds.join(',')}`);
    assert.equal(kinds.at(-1), 'message');
    assert.equal(kinds.filter((k) => k === 'message').length, 1);
  });

  test('a reply goes back to the conversation and message it answers', async () => {
    h.connector.reset();
    const activity = personalMessage('help');
    await h.exchange(activity);
    const sent = h.connector.sent.find((s) => s.activity.type === 'message');
    assert.ok(sent);
    assert.equal(sent.replyToId, activity.id);
    assert.equal(sent.conversationId, (activity.conversation as { id: string }).id);
  });

  test('machine details by host name reuse the lookup result: one Defender call', async () => {
    h.sim.calls.reset();
    const reply = onlyReply(await h.exchange(personalMessage('machine mymachine1.contoso.com')));
    assert.match(cardText(cardOf(reply)), /mymachine1\.contoso\.com/);
    assert.equal(h.sim.calls.entries().length, 1);
    assert.match(apiCalls(h)[0] ?? '', /^GET \/api\/machines\?\$filter=computerDnsName eq 'mymachine1\.contoso\.com'/);
  });

  test('who logged onto a host name: lookup then logon users, two calls', async () => {
    h.sim.calls.reset();
    const reply = onlyReply(await h.exchange(personalMessage('who logged onto mymachine1.contoso.com please')));
    assert.match(cardText(cardOf(reply)), /adm-jdoe/);
    const calls = apiCalls(h);
    assert.equal(calls.length, 2);
    assert.equal(calls[1], `GET /api/machines/${facts.SEED_MACHINE_IDS.mymachine1}/logonusers`);
  });

  test('a host prefix matching several machines asks which one, and a choice answers', async () => {
    const reply = onlyReply(await h.exchange(personalMessage(`who logged onto ${facts.HOST_PREFIX.prefix}`)));
    const card = cardOf(reply);
    assert.equal(cardTitle(card), `Several machines match **${facts.HOST_PREFIX.prefix}** — which one?`);
    const choices = submitActions(card);
    assert.equal(choices.length, facts.HOST_PREFIX.computerDnsNames.length, 'one button per match');
    const first = facts.HOST_PREFIX.computerDnsNames.find((name) => JSON.stringify(choices[0]?.data.msteams.value).includes(name));
    assert.ok(first !== undefined, `the first button names a matching machine: ${JSON.stringify(choices[0]?.data)}`);
    h.sim.calls.reset();
    const chosen = onlyReply(await h.exchange(clickOf(choices[0] as SubmitAction, reply)));
    // The label is the one the bot sealed onto that button: the card names the chosen machine.
    assert.match(String(chosen.summary), new RegExp(`^\\d+ accounts? logged on to ${first.replaceAll('.', '\\.')}$`));
    assert.equal(h.sim.calls.entries().length, 1);
  });

  test('an IP shared by two machines asks which one; a unique IP answers directly', async () => {
    const shared = cardOf(onlyReply(await h.exchange(personalMessage(`logons on ${facts.SHARED_IP.ip}`))));
    assert.equal(cardTitle(shared), `Several machines match **${facts.SHARED_IP.ip}** — which one?`);
    const offered = JSON.stringify(submitActions(shared).map((a) => a.data.msteams.value));
    for (const id of facts.SHARED_IP.machineIds) assert.ok(offered.includes(id), `${id} offered`);
    h.sim.calls.reset();
    const unique = onlyReply(await h.exchange(personalMessage(`machine ${facts.UNIQUE_IP.ip}`)));
    assert.ok(cardText(cardOf(unique)).includes(facts.UNIQUE_IP.machineId), 'details of the one machine with that IP');
    assert.match(apiCalls(h)[0] ?? '', /findbyip\(ip='/);
  });

  test('a typo gets "did you mean", and clicking the suggestion runs it', async () => {
    const reply = onlyReply(await h.exchange(personalMessage('machiens for user1')));
    const card = cardOf(reply);
    assert.equal(reply.summary, 'I didn’t understand “machiens for user1”');
    const suggestion = buttonNamed(card, 'machines for user1');
    const ran = onlyReply(await h.exchange(clickOf(suggestion, reply)));
    assert.equal(ran.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);
  });

  test('help lists every command with examples', async () => {
    const card = cardOf(onlyReply(await h.exchange(personalMessage('help'))));
    const text = cardText(card);
    for (const usage of ['machines for', 'who logged onto', 'machine']) assert.ok(text.includes(usage), usage);
  });

  test('an unknown machine gets a "not found or not visible" card, no stack trace', async () => {
    const reply = onlyReply(await h.exchange(personalMessage('who logged onto no-such-host.contoso.com')));
    const text = cardText(cardOf(reply));
    assert.equal(cardTitle(cardOf(reply)), 'Machine not found: **no-such-host.contoso.com**');
    assert.match(text, /not visible with your Defender access/);
    assert.doesNotMatch(text, /\bat \w+ \(|Error:/);
  });

  test('a user with no visible machines gets a card that says so and what to try', async () => {
    const reply = onlyReply(await h.exchange(personalMessage(`machines for ${facts.USER_WITHOUT_MACHINES}`)));
    assert.equal(cardTitle(cardOf(reply)), `No machines found for **${facts.USER_WITHOUT_MACHINES}**`);
  });

  test('bad input says which part is wrong and why, without calling Defender', async () => {
    h.sim.calls.reset();
    const reply = onlyReply(await h.exchange(personalMessage("machines for x' or 1 eq 1")));
    assert.equal(reply.summary, 'I can’t use that user: a user name cannot contain quotes');
    assert.equal(h.sim.calls.entries().length, 0);
  });

  test('a forged button value pointing at a path is rejected without a Defender call', async () => {
    h.sim.calls.reset();
    const forged = {
      ...personalMessage('machines for user1'),
      value: { action: 'logonUsers', machineId: '../../api/users/user1/machines' },
    };
    const reply = onlyReply(await h.exchange(forged));
    assert.equal(reply.summary, 'I can’t use that machine: that is not a valid device id');
    assert.equal(h.sim.calls.entries().length, 0);
  });

  test('an oversize request body is refused before it reaches the bot', async () => {
    const res = await fetch(`${h.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...personalMessage('x'), text: 'a'.repeat(400_000) }),
    });
    assert.equal(res.status, 413);
  });

  test('no log line written during these turns holds a token', () => {
    assert.ok(h.logLines.length > 0, 'the bot logged something');
    for (const line of h.logLines) assert.doesNotMatch(line, JWT_SHAPE);
    for (const line of h.logLines) assert.ok(!line.includes('demo-analyst:'), `token in log: ${line.slice(0, 200)}`);
  });
});

describe('each Defender fault gets the card for that fault, and the next command works', () => {
  // Retries and long queue waits would hide the fault; each case gets a fresh bot (a 429 pauses the endpoint).
  const env = { DEFENDER_RETRY_ATTEMPTS: '1', DEFENDER_QUEUE_MAX_WAIT_SECONDS: '5' };
  const UNREADABLE = 'Defender sent an answer I couldn’t read';
  type Fault = Parameters<Harness['sim']['faults']['set']>[0];
  type Case = { name: string; fault: Fault; title: string; summary: string; audited: string };
  /** Defender unavailable for `fault`: a card whose summary is its title. */
  const unavailable = (name: string, fault: Fault, title: string): Case => {
    return { name, fault, title, summary: title, audited: 'error:unavailable' };
  };
  const cases: Case[] = [
    {
      name: 'throttled beyond what the bot will wait: rate-limited, retry in 42 s',
      fault: { kind: 'throttle', retryAfterSeconds: 42 },
      title: 'Defender is rate-limiting requests',
      summary: 'Defender is busy: try again in 42 seconds',
      audited: 'error:throttled',
    },
    unavailable('503: Defender had a problem', { kind: 'status', status: 503 }, 'Defender had a problem'),
    unavailable('malformed JSON: an answer I could not read', { kind: 'malformedJson' }, UNREADABLE),
    unavailable('JSON of the wrong shape: an answer I could not read', { kind: 'wrongShape' }, UNREADABLE),
    unavailable('an empty 200: an answer I could not read', { kind: 'emptyOk' }, UNREADABLE),
    unavailable('a connection reset: I could not reach Defender', { kind: 'reset' }, 'I couldn’t reach Defender'),
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const h = await startHarness(env);
      try {
        h.sim.faults.set(c.fault, { times: 1 });
        const reply = onlyReply(await h.exchange(personalMessage('machines for user1')));
        assert.equal(cardTitle(cardOf(reply)), c.title);
        assert.equal(reply.summary, c.summary);
        assert.deepEqual(auditedOutcomes(h), [c.audited]);
        const recovered = onlyReply(
          await h.exchange(personalMessage(c.fault.kind === 'throttle' ? 'machine mymachine1.contoso.com' : 'machines for user1')),
        );
        if (c.fault.kind === 'throttle') assert.equal(cardTitle(cardOf(recovered)), '**mymachine1.contoso.com**');
        else assert.equal(recovered.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);
      } finally {
        await h.close();
      }
    });
  }
});

test('while Defender keeps failing the breaker answers at once with "retry in N s", calls nobody, and recovers by itself', async () => {
  const h = await startHarness({
    DEFENDER_RETRY_ATTEMPTS: '1',
    DEFENDER_BREAKER_FAILURES: '2',
    DEFENDER_BREAKER_COOLDOWN_SECONDS: '2',
    RESULT_CACHE_TTL_SECONDS: '0',
  });
  try {
    h.sim.faults.set({ kind: 'status', status: 500 });
    for (let i = 0; i < 2; i++) await h.exchange(personalMessage('machines for user1'));
    const callsBefore = h.sim.calls.entries().length;
    const started = Date.now();
    const open = onlyReply(await h.exchange(personalMessage('machines for user2')));
    assert.ok(Date.now() - started < 1_000, 'fails fast');
    assert.equal(h.sim.calls.entries().length, callsBefore, 'no call reaches Defender while the breaker is open');
    assert.match(String(open.summary), /^Defender is not answering: retry in [12] seconds?$/);
    assert.match(cardText(cardOf(open)), /Retry in [12] seconds?\./);

    h.sim.faults.clear();
    await new Promise((r) => setTimeout(r, 2_100));
    const recovered = onlyReply(await h.exchange(personalMessage('machines for user1')));
    assert.match(String(recovered.summary), /machines for user1/);
  } finally {
    await h.close();
  }
});

test('an unknown user under the legacy 404 reads as "no machines", like the current empty 200', async () => {
  // Cache off: the second ask must reach Defender's current behaviour, not the first answer.
  const h = await startHarness({ RESULT_CACHE_TTL_SECONDS: '0' });
  try {
    h.sim.faults.set({ kind: 'legacyUserNotFound' });
    const legacy = cardText(cardOf(onlyReply(await h.exchange(personalMessage(`machines for ${facts.UNKNOWN_USER}`)))));
    h.sim.faults.clear();
    const current = cardText(cardOf(onlyReply(await h.exchange(personalMessage(`machines for ${facts.UNKNOWN_USER}`)))));
    assert.match(legacy, new RegExp(`^No machines found for \\*\\*${facts.UNKNOWN_USER}\\*\\*\n`));
    assert.equal(legacy, current);
  } finally {
    await h.close();
  }
});

test('every fault is answered within 15 s even when Defender takes 20 s', async () => {
  const h = await startHarness({ DEFENDER_REQUEST_TIMEOUT_SECONDS: '2', DEFENDER_RETRY_ATTEMPTS: '1', SLOW_REPLY_MS: '1000' });
  try {
    h.sim.faults.set({ kind: 'latency', ms: 20_000 }, { times: 1 });
    const started = Date.now();
    const replies = await h.exchange(personalMessage('machines for user1'));
    assert.ok(Date.now() - started < 15_000);
    assert.equal(replies.length, 1, 'an immediate answer (still working)');
    const deadline = Date.now() + 14_000;
    let late: Record<string, unknown> | undefined;
    while (!late && Date.now() < deadline) {
      late = h.connector.messages().find((m) => Array.isArray(m.attachments));
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(late, 'a card followed');
    assert.equal(cardTitle(cardOf(late)), 'Defender didn’t answer in time');
    assert.ok(Date.now() - started < 15_000);
  } finally {
    await h.close();
  }
});

describe('per-person result cache', () => {
  test('a repeat within the TTL makes zero Defender calls and the card says when the data was fetched', async () => {
    const h = await startHarness();
    try {
      await h.exchange(personalMessage('machines for user1'));
      h.sim.calls.reset();
      const again = onlyReply(await h.exchange(personalMessage('machines for user1')));
      assert.equal(h.sim.calls.entries().length, 0);
      assert.match(cardText(cardOf(again)), /Cached \d+ s ago \(\d\d:\d\d:\d\d UTC\)/);
    } finally {
      await h.close();
    }
  });
});

describe('a channel message with @mentions', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  test('the bot mention is stripped and a mentioned colleague is looked up in the roster', async () => {
    h.connector.roster.set('29:1JaneDoeTeamsUserIdQ8Xk2s5c7yRz0aB4dE6fH8jK1mN3pQ5rT7vX9z', {
      id: '29:1JaneDoeTeamsUserIdQ8Xk2s5c7yRz0aB4dE6fH8jK1mN3pQ5rT7vX9z',
      name: 'Jane Doe',
      userPrincipalName: 'user1@contoso.com',
      aadObjectId: '0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f',
    });
    h.sim.calls.reset();
    const reply = onlyReply(await h.exchange(channelMessage('<at>MDE ChatOps</at> machines for <at>Jane Doe</at>')));
    assert.equal(reply.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);
    assert.equal(h.connector.memberLookups.length, 1);
    assert.equal(h.connector.memberLookups[0]?.memberId, '29:1JaneDoeTeamsUserIdQ8Xk2s5c7yRz0aB4dE6fH8jK1mN3pQ5rT7vX9z');
    assert.deepEqual(apiCalls(h), ['GET /api/users/user1/machines']);
  });

  test('a mention of someone not in the roster gets a clear card and no Defender call', async () => {
    h.connector.roster.clear();
    h.sim.calls.reset();
    const reply = onlyReply(await h.exchange(channelMessage('<at>MDE ChatOps</at> machines for <at>Jane Doe</at>')));
    assert.equal(cardTitle(cardOf(reply)), 'I couldn’t tell who **Jane Doe** is');
    assert.equal(h.sim.calls.entries().length, 0);
  });

  test('a bare mention of the bot answers with help', async () => {
    const reply = onlyReply(
      await h.exchange(
        channelMessage('<at>MDE ChatOps</at>', {
          entities: [
            {
              mentioned: { id: '28:00000000-0000-0000-0000-000000000000', name: 'MDE ChatOps' },
              text: '<at>MDE ChatOps</at>',
              type: 'mention',
            },
          ],
        }),
      ),
    );
    assert.equal(cardTitle(cardOf(reply)), 'What I can do');
  });
});

describe('plain Action.Submit buttons (the demo in the Agents Playground)', () => {
  test('a click that posts only the action value, with no text, runs the drill-down', async () => {
    const h = await startHarness({ CARD_ACTIONS: 'submit' });
    try {
      const first = onlyReply(await h.exchange(personalMessage('machines for user1')));
      const button = submitActions(cardOf(first)).find((a) => a.title === 'Details');
      assert.ok(button);
      const data = (button as unknown as { data: unknown }).data;
      assert.ok(!JSON.stringify(data).includes('msteams'), 'no messageBack envelope');
      h.sim.calls.reset();
      const click = { ...personalMessage(''), text: undefined, value: data };
      const second = onlyReply(await h.exchange(click));
      assert.match(String(second.summary), /^Details of /);
      assert.equal(h.sim.calls.entries().length, 1);
    } finally {
      await h.close();
    }
  });
});

describe('what each analyst may see', () => {
  test("analyst-emea does not see user1's HR machine; no-role is told about the missing role", async () => {
    const emea = await startHarness({ DEMO_ANALYST: 'analyst-emea' });
    try {
      const reply = onlyReply(await emea.exchange(personalMessage('machines for user1')));
      const ids = JSON.stringify(submitActions(cardOf(reply)).map((a) => a.data.msteams.value));
      assert.ok(!ids.includes(`"${facts.USER1_MACHINE_HIDDEN_FROM_EMEA}"`), 'hidden machine not offered');
      const direct = onlyReply(await emea.exchange(personalMessage(`machine ${facts.USER1_MACHINE_HIDDEN_FROM_EMEA}`)));
      assert.match(String(direct.summary), /^Machine not found: /);
    } finally {
      await emea.close();
    }
    const noRole = await startHarness({ DEMO_ANALYST: 'no-role' });
    try {
      const reply = onlyReply(await noRole.exchange(personalMessage('machines for user1')));
      assert.equal(cardTitle(cardOf(reply)), 'You don’t have access to this in Defender');
      assert.match(cardText(cardOf(reply)), /View Data/);
    } finally {
      await noRole.close();
    }
  });
});
