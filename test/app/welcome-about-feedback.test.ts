// The small conversational things, over HTTP: the welcome card when the bot is added (once, though
// Teams announces an install twice), `about` / `version`, and `feedback` with its audit line.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCommand } from '../../src/commands';
import { cardOf, cardText, cardTitle, personalMessage, startHarness, submitActions, type Harness } from '../../scripts/rig/bot-harness';
import { repoRoot } from '../../scripts/rig/repo-root';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const BOT = { id: '28:00000000-0000-0000-0000-000000000000', name: 'MDE ChatOps' };
let n = 0;

function conversationEvent(type: string, conversationId: string, extra: Record<string, unknown>): Record<string, unknown> {
  const { text: _t, textFormat: _f, ...base } = personalMessage('');
  return { ...base, type, id: `event-${++n}`, conversation: { id: conversationId, conversationType: 'personal' }, ...extra };
}

function auditLines(kind: string): Array<Record<string, unknown>> {
  return h.logLines
    .map((l) => JSON.parse(l) as { audit?: Record<string, unknown> })
    .flatMap((l) => (l.audit?.kind === kind ? [l.audit] : []));
}

describe('welcome', () => {
  test('added to a chat → one welcome card: what I am, whose access, three examples to tap that each run a lookup', async () => {
    const added = await h.exchange(conversationEvent('conversationUpdate', 'a:welcome-1', { membersAdded: [{ id: BOT.id }] }));
    assert.equal(added.length, 1);
    const card = cardOf(added[0] ?? {});
    assert.equal(cardTitle(card), 'Hi, I’m MDE ChatOps');
    assert.match(cardText(card), /simulated analyst/, 'says whose access it uses (the demo’s)');
    const buttons = submitActions(card);
    assert.equal(buttons.length, 3);
    for (const b of buttons) {
      const kind = parseCommand({ text: b.data.msteams.text }).kind;
      assert.ok(['machinesForUser', 'logonUsers', 'machineDetails'].includes(kind), `${b.data.msteams.text} → ${kind}`);
    }
    // Teams also sends installationUpdate for the same install: no second card.
    assert.deepEqual(await h.exchange(conversationEvent('installationUpdate', 'a:welcome-1', { action: 'add' })), []);
    // Installed again (the Playground does this on every page load): welcomed again, once.
    assert.equal((await h.exchange(conversationEvent('conversationUpdate', 'a:welcome-1', { membersAdded: [{ id: BOT.id }] }))).length, 1);
    assert.deepEqual(await h.exchange(conversationEvent('installationUpdate', 'a:welcome-1', { action: 'add' })), []);
  });

  test('installationUpdate alone welcomes too; someone else joining, or an uninstall, does not', async () => {
    const installed = await h.exchange(conversationEvent('installationUpdate', 'a:welcome-2', { action: 'add' }));
    assert.equal(cardTitle(cardOf(installed[0] ?? {})), 'Hi, I’m MDE ChatOps');
    assert.deepEqual(
      await h.exchange(conversationEvent('conversationUpdate', 'a:welcome-3', { membersAdded: [{ id: '29:someone' }] })),
      [],
    );
    assert.deepEqual(await h.exchange(conversationEvent('installationUpdate', 'a:welcome-4', { action: 'remove' })), []);
  });
});

describe('about / version', () => {
  test('about and version → the version from package.json, the mode, the Defender cloud and whose access', async () => {
    const { version } = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as { version: string };
    for (const text of ['about', 'Version?']) {
      const [reply] = await h.exchange(personalMessage(text));
      const card = cardOf(reply ?? {});
      assert.equal(cardTitle(card), 'About MDE ChatOps');
      assert.match(cardText(card), new RegExp(`^Version ${version.replace(/\./g, '\\.')} · demo · Defender cloud Commercial$`, 'm'));
      assert.equal(reply?.summary, `MDE ChatOps ${version} (demo, Commercial)`);
    }
  });

  test('"about pc1" still asks about the machine', () => {
    assert.equal(parseCommand({ text: 'about pc1' }).kind, 'machineDetails');
  });
});

describe('feedback', () => {
  test('feedback <text> → thanks, and one audit line of kind feedback with the text, one line, without the token pasted into it', async () => {
    const jwt = `eyJhbGciOiJSUzI1NiJ9.${'eyJzdWIiOiJ4In0'}.${'c2lnbmF0dXJlc2lnbmF0dXJl'}`;
    const [reply] = await h.exchange(personalMessage(`report a problem the logons card is cut off\u0007 on my phone ${jwt}`));
    assert.equal(cardTitle(cardOf(reply ?? {})), 'Thanks — noted');
    const lines = auditLines('feedback');
    assert.equal(lines.length, 1);
    const text = String(lines[0]?.text);
    assert.ok(text.startsWith('the logons card is cut off on my phone'), text);
    assert.ok(!text.includes(jwt) && !/eyJ[A-Za-z0-9_-]{5,}\./.test(text), text);
    assert.equal(lines[0]?.teamsUserId, personalMessage('').from && (personalMessage('').from as { id: string }).id);
  });

  test('feedback with nothing to say → asked what went wrong, nothing logged', async () => {
    const before = auditLines('feedback').length;
    const [reply] = await h.exchange(personalMessage('feedback'));
    assert.match(cardText(cardOf(reply ?? {})), /say what went wrong or what you need, e\.g\. feedback the logons card/);
    assert.equal(auditLines('feedback').length, before);
  });

  test('a long feedback is kept to 1000 characters', async () => {
    await h.exchange(personalMessage(`feedback ${'word '.repeat(400)}`));
    const last = auditLines('feedback').at(-1);
    assert.ok(String(last?.text).length <= 1000, String(String(last?.text).length));
  });
});

describe('help', () => {
  test('the help card lists about and feedback, and says how paging and the search box work', async () => {
    const [reply] = await h.exchange(personalMessage('help'));
    const text = cardText(cardOf(reply ?? {}));
    for (const part of ['**about**', '**feedback \\<text\\>**', 'machines for user1 page 2', 'Find a device'])
      assert.ok(text.includes(part), part);
  });
});
