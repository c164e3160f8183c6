// "Find a device" over HTTP, as Teams drives it: composeExtension/query invokes posted to
// /api/messages answered in the HTTP response (a result list, or a line for the search box), and
// composeExtension/selectItem answered with the card Teams inserts. Defender is the simulated tenant;
// every test counts the calls it made.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { facts } from '../../src/simulator';
import { MAX_CARD_BYTES } from '../../src/cards';
import { SEARCH_SLOW } from '../../src/teams/message-extension';
import { cardText, cardTitle, personalMessage, startHarness, type Harness } from '../../scripts/rig/bot-harness';

/** Teams' limit for one message-extension result card. */
const RESULT_CARD_LIMIT = 28 * 1024;

interface Attachment {
  contentType: string;
  content: Record<string, unknown>;
  preview?: { contentType: string; content: { title: string; text: string; tap?: { type: string; value: Record<string, unknown> } } };
}
interface ComposeResult {
  type: string;
  text?: string;
  attachmentLayout?: string;
  attachments?: Attachment[];
}

let h: Harness;
let nextId = 1;
const objectIds = new Map<string, string>();

/** One Entra object id per test user name, the same on every invoke. */
function objectIdOf(user: string): string {
  const known = objectIds.get(user) ?? `00000000-0000-4000-8000-${String(objectIds.size + 1).padStart(12, '0')}`;
  objectIds.set(user, known);
  return known;
}

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** A compose-box invoke from `user` (a Teams user id of their own, so caches and rates are theirs). */
function invoke(name: string, value: unknown, user: string): Record<string, unknown> {
  const base = personalMessage('');
  const { text: _text, textFormat: _format, ...rest } = base;
  return {
    ...rest,
    type: 'invoke',
    name,
    id: `invoke-${nextId++}`,
    from: { id: `29:${user}`, name: user, aadObjectId: objectIdOf(user) },
    value,
  };
}

async function postInvoke(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${h.bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...activity, serviceUrl: h.connector.url }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function search(query: string, user: string): Promise<ComposeResult> {
  const value = { commandId: 'findDevice', parameters: [{ name: 'query', value: query }], queryOptions: { skip: 0, count: 25 } };
  const { status, body } = await postInvoke(invoke('composeExtension/query', value, user));
  assert.equal(status, 200, `search "${query}" answered HTTP ${status}`);
  const result = (body as { composeExtension?: ComposeResult } | undefined)?.composeExtension;
  assert.ok(result, `no composeExtension in ${JSON.stringify(body)}`);
  return result;
}

function titles(result: ComposeResult): string[] {
  assert.equal(result.type, 'result', `expected a result list, got ${JSON.stringify(result).slice(0, 300)}`);
  return (result.attachments ?? []).map((a) => a.preview?.content.title ?? '');
}

function machineCalls(): string[] {
  return h.sim.calls
    .entries()
    .filter((e) => e.endpoint !== null)
    .map((e) => `${e.method} ${decodeURIComponent(e.path)}`);
}

describe('Find a device: the result list', () => {
  test('a host-name prefix → a list of thumbnail rows, each carrying that machine’s details card (< 28 KB), from one Defender call', async () => {
    const before = machineCalls().length;
    const result = await search('MyMachine', 'searcher-list');
    assert.deepEqual(titles(result).sort(), [...facts.HOST_PREFIX.computerDnsNames].sort());
    assert.deepEqual(machineCalls().slice(before), ["GET /api/machines?$filter=startswith(computerDnsName,'mymachine')&$top=100"]);
    for (const row of result.attachments ?? []) {
      assert.equal(row.preview?.contentType, 'application/vnd.microsoft.card.thumbnail');
      assert.equal(row.preview?.content.tap?.type, 'invoke');
      assert.equal(row.contentType, 'application/vnd.microsoft.card.adaptive');
      assert.ok(cardTitle(row.content).includes(row.preview?.content.title ?? '?'), 'the card is the row’s machine');
      const bytes = Buffer.byteLength(JSON.stringify(row.content));
      assert.ok(bytes < RESULT_CARD_LIMIT && bytes < MAX_CARD_BYTES, `result card is ${bytes} bytes`);
    }
  });

  test('a whole IP address, a device id and a user (UPN) are looked up the way their commands are', async () => {
    assert.deepEqual(titles(await search(facts.UNIQUE_IP.ip, 'searcher-kinds')).length, 1);
    const byId = await search(facts.SEED_MACHINE_IDS.mymachine1, 'searcher-kinds');
    assert.deepEqual(titles(byId), ['mymachine1.contoso.com']);
    const user1 = await search('user1@contoso.com', 'searcher-kinds');
    assert.ok(titles(user1).includes('mymachine1.contoso.com'), titles(user1).join(', '));
    const calls = machineCalls().slice(-3);
    assert.match(calls[0] ?? '', /^GET \/api\/machines\/findbyip\(ip='10\.99\.0\.51',timestamp=/);
    assert.equal(calls[1], `GET /api/machines/${facts.SEED_MACHINE_IDS.mymachine1}`);
    assert.equal(calls[2], 'GET /api/users/user1/machines');
  });

  test('nothing matches → a line saying so, not an empty popup', async () => {
    const result = await search('zzz-nothing', 'searcher-none');
    assert.deepEqual(result, { type: 'message', text: 'No device you can see starts with or matches “zzz-nothing”.' });
  });
});

describe('Find a device: typing letter by letter', () => {
  test('a complete answer for a shorter prefix answers every longer one: typing nyc-app-0044 costs one Defender call', async () => {
    const name = facts.USER1_EXTRA_MACHINES.usAppServer.computerDnsName;
    const typed = 'nyc-app-0044';
    const before = machineCalls().length;
    let last: ComposeResult | undefined;
    for (let n = 1; n <= typed.length; n++) last = await search(typed.slice(0, n), 'typist');
    assert.deepEqual(machineCalls().slice(before), ["GET /api/machines?$filter=startswith(computerDnsName,'nyc')&$top=100"]);
    assert.deepEqual(titles(last ?? { type: 'none' }), [name]);
    // The same as Defender answers the whole prefix when asked directly (another person, nothing cached).
    const direct = await search('nyc-app-', 'someone-else');
    const local = await search('nyc-app-', 'typist');
    assert.deepEqual(titles(local), titles(direct));
    assert.ok(titles(local).length > 1, 'the prefix matches several machines');
  });

  test('answers are per person: the same prefix from someone else is asked afresh', async () => {
    await search('ams-', 'person-a');
    const before = machineCalls().length;
    await search('ams-w', 'person-b');
    assert.equal(machineCalls().length - before, 1);
  });
});

describe('Find a device: same budget as typed commands', () => {
  test('the same search again is answered from the per-person cache', async () => {
    await search('user1@contoso.com', 'repeater');
    const before = machineCalls().length;
    assert.ok(titles(await search('user1@contoso.com', 'repeater')).length > 0);
    assert.equal(machineCalls().length, before);
  });

  test('searches that need Defender count against the asker’s command rate; answers from a complete prefix do not', async () => {
    const limited = await startHarness({ COMMANDS_PER_USER_PER_MINUTE: '2' });
    try {
      const ask = async (query: string): Promise<ComposeResult> => {
        const value = { commandId: 'findDevice', parameters: [{ name: 'query', value: query }] };
        const res = await fetch(`${limited.bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...invoke('composeExtension/query', value, 'rate-limited'), serviceUrl: limited.connector.url }),
        });
        return ((await res.json()) as { composeExtension: ComposeResult }).composeExtension;
      };
      assert.equal((await ask('lon')).type, 'result');
      for (const longer of ['lon-', 'lon-l', 'lon-lt', 'lon-lt-0']) assert.equal((await ask(longer)).type, 'result', longer);
      assert.equal((await ask('par')).type, 'result');
      const refused = await ask('sea');
      assert.equal(refused.type, 'message');
      assert.match(
        refused.text ?? '',
        /^Too many commands: try again in \d+ seconds\. Each analyst may send up to 2 Defender commands a minute/,
      );
    } finally {
      await limited.close();
    }
  });
});

describe('Find a device within Teams’ 5 s', () => {
  test('Defender slower than 4 s → the search box says so in time; the lookup goes on, and asking again is answered from it', async () => {
    h.sim.faults.set({ kind: 'latency', ms: 5500 }, { times: 1, endpoint: 'machines' });
    // The line itself shows the deadline worked: Defender had not answered yet.
    assert.deepEqual(await search('hq-', 'patient'), { type: 'message', text: SEARCH_SLOW });
    await new Promise((r) => setTimeout(r, 2500));
    const before = machineCalls().length;
    assert.ok(titles(await search('hq-', 'patient')).length > 0);
    assert.equal(machineCalls().length, before, 'no second Defender call');
  });
});

describe('Find a device: what never reaches Defender', () => {
  test('fewer than 3 characters, or half an IP address → a hint, no Defender call', async () => {
    const before = machineCalls().length;
    assert.deepEqual(await search('my', 'searcher-short'), {
      type: 'message',
      text: 'Type at least 3 characters of a host name, an IP address or a user (user@domain).',
    });
    assert.deepEqual(await search('10.99.0', 'searcher-short'), {
      type: 'message',
      text: 'Keep typing: an IP address is looked up once it is complete.',
    });
    assert.equal(machineCalls().length, before);
  });

  test('hostile input is refused with the rule it broke, before any Defender call', async () => {
    const before = machineCalls().length;
    const cases: Array<[string, RegExp]> = [
      ["pc1') or (true", /cannot contain quotes/],
      ['pc1%2f..%2fadmin', /cannot contain %/],
      ['../../api/alerts', /path separator/],
      ['pc1\u202etxt.exe', /control characters/],
      ['user evil/../x', /path separator/],
      ['a'.repeat(300), /at most 260 characters/],
    ];
    for (const [query, reason] of cases) {
      const result = await search(query, 'searcher-hostile');
      assert.equal(result.type, 'message', query);
      assert.match(result.text ?? '', reason, query);
    }
    assert.equal(machineCalls().length, before, 'no Defender call for any of them');
  });
});

describe('Find a device with the Playground’s card style (CARD_ACTIONS=submit)', () => {
  test('rows carry no tap (the Playground refuses those) and their card, with plain Submit buttons, is what gets inserted', async () => {
    const playground = await startHarness({ CARD_ACTIONS: 'submit' });
    try {
      const value = { commandId: 'findDevice', parameters: [{ name: 'query', value: 'mymachine1' }] };
      const res = await fetch(`${playground.bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...invoke('composeExtension/query', value, 'playground-user'), serviceUrl: playground.connector.url }),
      });
      const result = ((await res.json()) as { composeExtension: ComposeResult }).composeExtension;
      const [row] = result.attachments ?? [];
      assert.equal(row?.preview?.content.title, 'mymachine1.contoso.com');
      assert.equal(row?.preview?.content.tap, undefined);
      assert.match(cardTitle(row?.content ?? {}), /mymachine1\.contoso\.com/);
      assert.ok(!JSON.stringify(row?.content).includes('messageBack'), 'plain Submit buttons');
    } finally {
      await playground.close();
    }
  });
});

describe('Find a device: picking a result', () => {
  test('selectItem with a row’s tap value → the machine’s details card to insert, fetched as the asker', async () => {
    const rows = (await search('mymachine1', 'picker')).attachments ?? [];
    const tap = rows[0]?.preview?.content.tap?.value;
    assert.ok(tap, 'the row has a tap value');
    const before = machineCalls().length;
    const { status, body } = await postInvoke(invoke('composeExtension/selectItem', tap, 'picker'));
    assert.equal(status, 200);
    const result = (body as { composeExtension: ComposeResult }).composeExtension;
    assert.equal(result.type, 'result');
    assert.equal(result.attachments?.length, 1);
    const card = result.attachments?.[0]?.content ?? {};
    assert.match(cardTitle(card), /mymachine1\.contoso\.com/);
    assert.ok(cardText(card).includes(facts.SEED_MACHINE_IDS.mymachine1), 'the card names the device id');
    assert.ok(Buffer.byteLength(JSON.stringify(card)) < RESULT_CARD_LIMIT);
    assert.deepEqual(machineCalls().slice(before), [`GET /api/machines/${facts.SEED_MACHINE_IDS.mymachine1}`]);
  });

  test('a forged selectItem value is refused without a Defender call', async () => {
    const before = machineCalls().length;
    const { body } = await postInvoke(invoke('composeExtension/selectItem', { machineId: "x' or 1 eq 1" }, 'forger'));
    const result = (body as { composeExtension: ComposeResult }).composeExtension;
    assert.equal(result.type, 'message');
    assert.match(result.text ?? '', /^That result cannot be inserted: /);
    assert.equal(machineCalls().length, before);
  });

  test('the inserted card, sent into the bot’s chat, gets no answer (it asks nothing)', async () => {
    const rows = (await search('mymachine2', 'sharer')).attachments ?? [];
    const row = rows[0];
    assert.ok(row);
    const attachments = [{ contentType: row.contentType, content: row.content }];
    assert.deepEqual(await h.exchange(personalMessage('', { attachments })), []);
    // As the Playground (and Teams) send it: the text is only the card's placeholder markup.
    const placeholder =
      '\n<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension">\n  <span content="0" itemprop="cardId"></span>\n</span>\n';
    assert.deepEqual(await h.exchange(personalMessage(placeholder, { attachments })), []);
    // Words next to the card are a message: answered as usual.
    assert.equal((await h.exchange(personalMessage(`help ${placeholder}`, { attachments }))).length, 1);
  });
});
