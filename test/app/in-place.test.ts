// Cards that update in place, over HTTP (issue 13): Next/Previous, Refresh and Retry edit the card that
// was clicked (PUT /v3/conversations/{id}/activities/{replyToId} at the local connector), a refused edit
// falls back to a new message, Refresh and Retry each make at most one Defender call (counted at the
// simulated tenant), and in channels the card names whose access it reflects or goes privately.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
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
import type { UpdateAttempt } from '../../scripts/rig/connector';

const BOT_MENTION = [
  { mentioned: { id: '28:00000000-0000-0000-0000-000000000000', name: 'MDE ChatOps' }, text: '<at>MDE ChatOps</at>', type: 'mention' },
];
const BOB = {
  id: '29:1BobBuilderTeamsUserIdQ8Xk2s5c7yRz0aB4dE6fH8jK1mN3pQ5rT7vX9',
  name: 'Bob Builder',
  aadObjectId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
};

function buttonNamed(card: unknown, title: string | RegExp): SubmitAction {
  const found = submitActions(card).find((a) => (typeof title === 'string' ? a.title.startsWith(title) : title.test(a.title)));
  assert.ok(
    found,
    `no "${String(title)}" button in ${submitActions(card)
      .map((a) => a.title)
      .join(', ')}`,
  );
  return found;
}

/** Sends a click and returns what the connector saw: new messages replying to it, and the edits it made. */
async function clickAndWatch(
  h: Harness,
  click: Record<string, unknown>,
): Promise<{ posted: Array<Record<string, unknown>>; edits: UpdateAttempt[] }> {
  const before = h.connector.updates.length;
  const posted = await h.exchange(click);
  return { posted, edits: h.connector.updates.slice(before) };
}

/** The one edit a click made, taken by the connector, of message `id`; returns the edited message as a card holder. */
function editedInPlace(edits: UpdateAttempt[], id: unknown): Record<string, unknown> {
  assert.deepEqual(
    edits.map((e) => [e.activityId, e.answered]),
    [[id, 200]],
    'one edit of the clicked card',
  );
  const edit = edits[0] as UpdateAttempt;
  // The wire format: the whole activity, its own id, a message with the card.
  assert.equal(edit.activity.type, 'message');
  assert.equal(edit.activity.id, id);
  return { ...edit.activity, id };
}

describe('paging edits the clicked card', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ RESULT_CACHE_TTL_SECONDS: '0' });
  });
  after(async () => {
    await h.close();
  });

  test('Next and Previous replace the card they are on (PUT to the connector), and post no new message', async () => {
    const list = onlyReply(await h.exchange(personalMessage(`machines for ${facts.DOMAIN_ADMIN.accountName}`)));
    assert.match(cardText(cardOf(list)), /Page 1 of 3/);
    const messagesBefore = h.connector.messages().length;

    const next = await clickAndWatch(h, clickOf(buttonNamed(cardOf(list), 'Next'), list));
    assert.deepEqual(next.posted, []);
    const page2 = editedInPlace(next.edits, list.id);
    assert.equal(next.edits[0]?.conversationId, (personalMessage('').conversation as { id: string }).id);
    assert.match(cardText(cardOf(page2)), /Page 2 of 3/);

    const previous = await clickAndWatch(h, clickOf(buttonNamed(cardOf(page2), /Previous/), page2));
    assert.deepEqual(previous.posted, []);
    assert.match(cardText(cardOf(editedInPlace(previous.edits, list.id))), /Page 1 of 3/);
    assert.equal(h.connector.messages().length, messagesBefore, 'no message posted by either click');
  });

  for (const status of [403, 404, 400]) {
    test(`an edit the connector refuses (${status}) is sent as a new message instead: the page is not lost`, async () => {
      const list = onlyReply(await h.exchange(personalMessage(`machines for ${facts.DOMAIN_ADMIN.accountName}`)));
      h.connector.failNextUpdates(status);
      const next = await clickAndWatch(h, clickOf(buttonNamed(cardOf(list), 'Next'), list));
      assert.deepEqual(
        next.edits.map((e) => e.answered),
        [status],
      );
      assert.match(cardText(cardOf(onlyReply(next.posted))), /Page 2 of 3/);
    });
  }

  test('a click without replyToId (a client that does not say which card) gets a new message', async () => {
    const list = onlyReply(await h.exchange(personalMessage(`machines for ${facts.DOMAIN_ADMIN.accountName}`)));
    const click = { ...clickOf(buttonNamed(cardOf(list), 'Next'), list), replyToId: undefined };
    const next = await clickAndWatch(h, click);
    assert.deepEqual(next.edits, []);
    assert.match(cardText(cardOf(onlyReply(next.posted))), /Page 2 of 3/);
  });

  test('a drill-down (Details) still answers with a new card under the list', async () => {
    const list = onlyReply(await h.exchange(personalMessage('machines for user1')));
    const details = await clickAndWatch(h, clickOf(buttonNamed(cardOf(list), 'Details'), list));
    assert.deepEqual(details.edits, []);
    assert.match(String(onlyReply(details.posted).summary), /^Details of /);
  });
});

describe('Refresh bypasses the answer cache: one Defender call, into the same card', () => {
  let h: Harness;
  before(async () => {
    // The cache is on (default TTL): a repeat would cost nothing, a Refresh must ask Defender.
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  const mymachine1 = facts.SEED_MACHINE_IDS.mymachine1;
  const cases = [
    { card: 'machines list', ask: 'machines for user1', call: 'GET /api/users/user1/machines' },
    { card: 'machine details', ask: `machine ${mymachine1}`, call: `GET /api/machines/${mymachine1}` },
    { card: 'logon users', ask: `who logged onto ${mymachine1}`, call: `GET /api/machines/${mymachine1}/logonusers` },
  ];
  for (const c of cases) {
    test(`${c.card}: Refresh asks Defender once even with a fresh cached answer, and edits the card`, async () => {
      const first = onlyReply(await h.exchange(personalMessage(c.ask)));
      h.sim.calls.reset();
      const cached = onlyReply(await h.exchange(personalMessage(c.ask)));
      assert.deepEqual(apiCalls(h), [], 'the repeat is served from the cache');
      assert.match(cardText(cardOf(cached)), /Cached \d+ s ago/);

      const refreshed = await clickAndWatch(h, clickOf(buttonNamed(cardOf(cached), '↻ Refresh'), cached));
      assert.deepEqual(apiCalls(h), [c.call], 'exactly one Defender call');
      assert.deepEqual(refreshed.posted, []);
      const card = cardOf(editedInPlace(refreshed.edits, cached.id));
      assert.doesNotMatch(cardText(card), /cached/i, 'fresh data says nothing about a cache');
      assert.equal(cardTitle(card), cardTitle(cardOf(first)));
      assert.ok(
        submitActions(card).some((a) => a.title === '↻ Refresh'),
        'the refreshed card can be refreshed again',
      );
    });
  }

  test('a Refresh is validated like any click: a forged machine id makes no call', async () => {
    h.sim.calls.reset();
    const forged = {
      ...personalMessage(''),
      value: { action: 'machineDetails', machineId: '../../api/users', inPlace: true, refresh: true },
    };
    const reply = onlyReply(await h.exchange(forged));
    assert.equal(reply.summary, 'I can’t use that machine: that is not a valid device id');
    assert.deepEqual(apiCalls(h), []);
  });
});

test('Refresh counts against the same per-person command budget: past it, a card says so and nothing is called', async () => {
  const h = await startHarness({ COMMANDS_PER_USER_PER_MINUTE: '2' });
  try {
    const list = onlyReply(await h.exchange(personalMessage('machines for user1')));
    await h.exchange(clickOf(buttonNamed(cardOf(list), '↻ Refresh'), list));
    h.sim.calls.reset();
    const third = await clickAndWatch(h, clickOf(buttonNamed(cardOf(list), '↻ Refresh'), list));
    assert.deepEqual(apiCalls(h), []);
    assert.equal(cardTitle(cardOf(editedInPlace(third.edits, list.id))), 'You’re sending commands faster than I take them');
  } finally {
    await h.close();
  }
});

describe('Retry on transient error cards', () => {
  test('503: the error card offers Retry, which re-runs the command with one Defender call into the same card', async () => {
    const h = await startHarness({ DEFENDER_RETRY_ATTEMPTS: '1' });
    try {
      h.sim.faults.set({ kind: 'status', status: 503 }, { times: 1 });
      const failed = onlyReply(await h.exchange(personalMessage('machines for user1')));
      assert.equal(cardTitle(cardOf(failed)), 'Defender had a problem');
      h.sim.calls.reset();
      const retried = await clickAndWatch(h, clickOf(buttonNamed(cardOf(failed), '↻ Retry'), failed));
      assert.deepEqual(apiCalls(h), ['GET /api/users/user1/machines']);
      assert.deepEqual(retried.posted, []);
      assert.equal(String(editedInPlace(retried.edits, failed.id).summary), `${facts.USER1_MACHINE_IDS.length} machines for user1`);
    } finally {
      await h.close();
    }
  });

  test('throttled and timed out: both cards offer Retry; a not-found card (not transient) does not', async () => {
    const h = await startHarness({
      DEFENDER_RETRY_ATTEMPTS: '1',
      DEFENDER_REQUEST_TIMEOUT_SECONDS: '1',
      DEFENDER_QUEUE_MAX_WAIT_SECONDS: '5',
      RESULT_CACHE_TTL_SECONDS: '0',
    });
    try {
      // First: a 429 pauses the endpoint, and the not-found answer would be a throttled one.
      const notFound = cardOf(onlyReply(await h.exchange(personalMessage('machine no-such-host.contoso.com'))));
      assert.ok(!submitActions(notFound).some((a) => a.title.includes('Retry')));
      assert.equal(cardTitle(notFound), 'Machine not found: **no-such-host.contoso.com**');
      h.sim.faults.set({ kind: 'latency', ms: 3_000 }, { times: 1 });
      const timedOut = cardOf(onlyReply(await h.exchange(personalMessage('machines for user1'))));
      assert.equal(cardTitle(timedOut), 'Defender didn’t answer in time');
      const retry = buttonNamed(timedOut, '↻ Retry');
      assert.deepEqual(retry.data.msteams.value, { action: 'machinesForUser', user: 'user1', inPlace: true });
      h.sim.faults.set({ kind: 'throttle', retryAfterSeconds: 42 }, { times: 1 });
      const throttled = cardOf(onlyReply(await h.exchange(personalMessage('machine mymachine1.contoso.com'))));
      assert.equal(cardTitle(throttled), 'Defender is rate-limiting requests');
      assert.deepEqual(buttonNamed(throttled, '↻ Retry').data.msteams.value, {
        action: 'run',
        text: 'machine mymachine1.contoso.com',
        inPlace: true,
      });
    } finally {
      await h.close();
    }
  });
});

describe('channels: whose access, and a click by someone else', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ RESULT_CACHE_TTL_SECONDS: '0' });
  });
  after(async () => {
    await h.close();
  });

  test('a channel answer names the asker (from the authenticated activity); a 1:1 answer says "your"', async () => {
    const channel = cardOf(
      onlyReply(await h.exchange(channelMessage('<at>MDE ChatOps</at> machines for user1', { entities: BOT_MENTION }))),
    );
    assert.equal(
      cardTitle(channel),
      `${facts.USER1_MACHINE_IDS.length} machines for **user1** — as Alex Analyst’s Defender access shows them`,
    );
    const personal = cardOf(onlyReply(await h.exchange(personalMessage('machines for user1'))));
    assert.equal(cardTitle(personal), `${facts.USER1_MACHINE_IDS.length} machines for **user1** — as your Defender access shows them`);
    // "Not found" depends on the asker's access too: in a channel it says whose.
    const notFound = cardText(
      cardOf(
        onlyReply(await h.exchange(channelMessage('<at>MDE ChatOps</at> machine no-such-host.contoso.com', { entities: BOT_MENTION }))),
      ),
    );
    assert.match(notFound, /it is not visible with Alex Analyst’s Defender access \(it is in a device group that role doesn’t cover\)/);
  });

  test('Bob clicking Next on Alex’s card: the card now says it is Bob’s view, replacing another', async () => {
    const ask = channelMessage(`<at>MDE ChatOps</at> machines for ${facts.DOMAIN_ADMIN.accountName}`, { entities: BOT_MENTION });
    const list = onlyReply(await h.exchange(ask));
    const bobClick = clickOf(buttonNamed(cardOf(list), 'Next'), list, channelMessage('', { entities: [], from: BOB }));
    const byBob = cardOf(editedInPlace((await clickAndWatch(h, bobClick)).edits, list.id));
    assert.match(cardTitle(byBob), /— as Bob Builder’s Defender access shows them$/);
    assert.match(cardText(byBob), /Replaced another person’s view\./);

    // Alex paging their own card: no such note.
    const alexClick = clickOf(buttonNamed(cardOf(list), 'Next'), list, channelMessage('', { entities: [] }));
    const byAlex = cardOf(editedInPlace((await clickAndWatch(h, alexClick)).edits, list.id));
    assert.match(cardTitle(byAlex), /as Alex Analyst’s Defender access/);
    assert.doesNotMatch(cardText(byAlex), /replaced another/);
  });

  test('a forged click label or display name cannot change whose name the card shows', async () => {
    const list = onlyReply(await h.exchange(channelMessage('<at>MDE ChatOps</at> machines for user1', { entities: BOT_MENTION })));
    const refresh = buttonNamed(cardOf(list), '↻ Refresh');
    const forged = {
      ...clickOf(refresh, list, channelMessage('', { entities: [] })),
      value: { ...(refresh.data.msteams.value as object), label: 'Mallory', name: 'Mallory', accessHolder: 'Mallory' },
    };
    const card = cardOf(editedInPlace((await clickAndWatch(h, forged)).edits, list.id));
    assert.doesNotMatch(cardText(card), /Mallory/);
    assert.match(cardTitle(card), /as Alex Analyst’s Defender access/);
  });
});

describe('CHANNEL_RESULTS=private', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ CHANNEL_RESULTS: 'private', RESULT_CACHE_TTL_SECONDS: '0' });
  });
  after(async () => {
    await h.close();
  });

  test('a channel question is answered in a 1:1 chat with the asker; the channel gets one line and no data', async () => {
    const ask = channelMessage('<at>MDE ChatOps</at> machines for user1', { entities: BOT_MENTION });
    const channelId = (ask.conversation as { id: string }).id;
    const asker = (ask.from as { id: string }).id;
    const inChannel = onlyReply(await h.exchange(ask));
    assert.equal(inChannel.text, 'Alex Analyst: sent to you privately, in your chat with me.');
    assert.equal(inChannel.attachments, undefined, 'no card in the channel');

    // One 1:1 conversation, created for the asker alone (ConversationParameters on the wire).
    assert.equal(h.connector.conversations.length, 1);
    const created = h.connector.conversations[0];
    assert.deepEqual(created?.parameters.members, [{ id: asker, name: '' }]);
    assert.equal(created?.parameters.isGroup, false);
    const privately = h.connector.sent.filter((s) => s.conversationId === created?.id);
    assert.equal(privately.length, 1);
    const card = cardOf(privately[0]?.activity ?? {});
    assert.equal(cardTitle(card), `${facts.USER1_MACHINE_IDS.length} machines for **user1** — as your Defender access shows them`);

    // Nothing with data went to the channel: no host name, no card.
    const toChannel = h.connector.sent.filter((s) => s.conversationId === channelId);
    for (const s of toChannel) {
      assert.equal(s.activity.attachments, undefined);
      assert.doesNotMatch(JSON.stringify(s.activity), /contoso\.com|user1/);
    }
  });

  test('help is not data: it stays in the thread', async () => {
    const before = h.connector.conversations.length;
    const reply = onlyReply(await h.exchange(channelMessage('<at>MDE ChatOps</at> help', { entities: BOT_MENTION })));
    assert.equal(cardTitle(cardOf(reply)), 'What I can do');
    assert.equal(h.connector.conversations.length, before);
  });

  test('a private chat Teams refuses to open (403) leaves the channel without data, with a line that says what to do', async () => {
    h.connector.failNextConversations(403);
    const reply = onlyReply(await h.exchange(channelMessage('<at>MDE ChatOps</at> machines for user1', { entities: BOT_MENTION })));
    assert.match(String(reply.text), /^I could not open a private chat with you/);
    assert.equal(reply.attachments, undefined);
  });

  test('in a 1:1 chat nothing changes: the answer is the reply', async () => {
    const before = h.connector.conversations.length;
    const reply = onlyReply(await h.exchange(personalMessage('machines for user1')));
    assert.equal(reply.summary, `${facts.USER1_MACHINE_IDS.length} machines for user1`);
    assert.equal(h.connector.conversations.length, before);
  });
});
