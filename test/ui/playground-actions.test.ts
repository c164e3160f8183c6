// Response actions in Microsoft 365 Agents Playground: the demo bot on its own simulated tenant (where
// the demo turns response actions on) and headless Chromium acting as the analyst. The Playground
// cannot click messageBack buttons, so the demo renders them as plain Action.Submit (CARD_ACTIONS=
// submit), whose data the bot reads exactly like a messageBack value — and into which the client
// merges the card's inputs, which is how the reason box reaches the bot. Every assertion reads the
// rendered page; each step leaves a screenshot in artifacts/ui/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import * as facts from '../../src/simulator/data/facts';
import { artifactDir } from '../../scripts/rig/ui/artifacts';
import { launchChromium, uiSkipReason } from '../../scripts/rig/ui/browser';
import { button, buttonLabels, openPlayground, personalChat, screenshot } from '../../scripts/rig/ui/playground';
import { startDemoBot, startPlayground, type RunningProcess } from '../../scripts/rig/ui/processes';

const SHOTS = artifactDir('ui');
const HOST = 'mymachine1.contoso.com';

async function cardText(card: Locator): Promise<string> {
  return (await card.innerText()).replace(/\s+/g, ' ').trim();
}

/** The card's text once it matches `pattern` (the bot edits the status card in place as Defender moves on). */
async function until(card: Locator, pattern: RegExp, ms = 20_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const text = await cardText(card);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`card never matched ${pattern}: ${text}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Agents Playground: isolate and release a demo machine', { skip: uiSkipReason(), timeout: 240_000 }, () => {
  let bot: RunningProcess | undefined;
  let playground: RunningProcess | undefined;
  let browser: Browser | undefined;

  before(async () => {
    bot = await startDemoBot({ env: { RESPONSE_ACTION_POLL_MS: '500' } });
    playground = await startPlayground(bot.url);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  });

  test('typed "isolate", Confirm → the card follows it to Succeeded and the details say isolated; "release" asks for a reason, typed into the card → released', async () => {
    assert.ok(browser && playground, 'setup failed');
    const session = await openPlayground(browser, playground.url);
    const shot = (step: string, card: Locator): Promise<void> =>
      screenshot(session.page, path.join(SHOTS, `actions-${step}.png`), { card });
    try {
      const chat = personalChat(session.page);
      await chat.waitForCard('What I can do');

      const confirmation = await chat.ask(`isolate ${HOST} suspected ransomware INC-1234`);
      const asked = await cardText(confirmation);
      assert.match(asked, /Isolate mymachine1\.contoso\.com\?/);
      assert.match(asked, /lose network access except to Defender/);
      assert.deepEqual(await buttonLabels(confirmation), ['Confirm: Isolate', 'Cancel', 'Open in Defender']);
      await shot('1-confirm-isolate', confirmation);

      // The confirmation card itself becomes the status: no Confirm or Cancel is left to press again.
      const status = await chat.clickInPlace(confirmation, button(confirmation, 'Confirm: Isolate'), /Confirmed by/);
      assert.match(await cardText(status), /^Isolate mymachine1\.contoso\.com: (Pending|In progress)/);
      assert.deepEqual(
        (await buttonLabels(status)).filter((l) => /^(Confirm|Cancel)/.test(l)),
        [],
      );
      await shot('2-isolate-sent', status);
      assert.match(await until(status, /^Isolate mymachine1\.contoso\.com: Succeeded/), /Requested by/);
      await shot('3-isolate-succeeded', status);

      const details = await chat.ask(`machine ${HOST}`);
      assert.match(await cardText(details), /Isolated since/);
      await shot('4-details-isolated', details);

      const release = await chat.ask(`release ${HOST}`);
      assert.match(await cardText(release), /Reason none yet: type it below/);
      await release.locator('textarea, input').first().fill('cleaned and reimaged, INC-1234');
      await shot('5-release-reason', release);
      const released = await chat.clickInPlace(release, button(release, 'Confirm: Release from isolation'), /Confirmed by/);
      assert.match(await cardText(released), /^Release from isolation mymachine1\.contoso\.com: (Pending|In progress)/);
      assert.match(await cardText(released), /cleaned and reimaged, INC-1234/);
      await until(released, /: Succeeded/);
      await shot('6-released', released);

      const after = await chat.ask(`machine ${facts.SEED_MACHINE_IDS.mymachine1}`);
      assert.doesNotMatch(await cardText(after), /Isolated since/);
    } catch (e) {
      await session.page.screenshot({ path: path.join(SHOTS, 'actions-FAILED.png') }).catch(() => undefined);
      if (e instanceof Error) e.message += `\n--- bot output ---\n${bot?.output().slice(-4000) ?? ''}`;
      throw e;
    } finally {
      await session.close();
    }
  });
});
