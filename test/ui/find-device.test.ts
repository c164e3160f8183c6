// "Find a device" in Microsoft 365 Agents Playground (0.2.x), driven like a person: the compose box's
// message-extension button → Search Command → command id and parameter name (the Playground does not
// read the manifest) → type a host name letter by letter → pick a row → send. The Playground sends a
// composeExtension/query per keystroke, shows the rows' thumbnail previews, and inserts the picked
// row's card into the compose box (it never sends selectItem: test/app/find-device.test.ts covers that
// over HTTP). Also the welcome card the install gets. Screenshots go to artifacts/ui/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { WELCOME_EXAMPLES } from '../../src/cards/view-models/about';
import { artifactDir } from '../../scripts/rig/ui/artifacts';
import { launchChromium, uiSkipReason } from '../../scripts/rig/ui/browser';
import { buttonLabels, openPlayground, personalChat, screenshot } from '../../scripts/rig/ui/playground';
import { startDemoBot, startPlayground, type RunningProcess } from '../../scripts/rig/ui/processes';

const SHOTS = artifactDir('ui');

async function text(scope: Locator): Promise<string> {
  return (await scope.innerText()).replace(/\s+/g, ' ').trim();
}

/** Opens the search-based message extension from the compose box and names the command and parameter. */
async function openFindDevice(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Trigger Message Extension App' }).first().click();
  await page.getByText('Search Command', { exact: true }).click();
  const popup = page.locator('.fui-PopoverSurface').filter({ hasText: 'Search-Based Message Extension' });
  await popup.getByText('Specify Command ID or Parameter').click();
  await popup.getByPlaceholder('Command ID').fill('findDevice');
  await popup.getByPlaceholder('Parameter name').fill('query');
  return popup;
}

describe('Agents Playground: welcome card and Find a device', { skip: uiSkipReason(), timeout: 180_000 }, () => {
  let bot: RunningProcess | undefined;
  let playground: RunningProcess | undefined;
  let browser: Browser | undefined;

  before(async () => {
    bot = await startDemoBot();
    playground = await startPlayground(bot.url);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  });

  test('install → one welcome card with three examples; search "mymach" letter by letter → rows; pick one → its card is sent, and the bot stays quiet', async () => {
    assert.ok(browser && playground, 'setup failed');
    const session = await openPlayground(browser, playground.url);
    const { page } = session;
    const shot = (step: string, card?: Locator) => screenshot(page, path.join(SHOTS, `find-device-${step}.png`), card ? { card } : {});
    try {
      const chat = personalChat(page);
      const welcome = await chat.waitForCard('Hi, I’m MDE ChatOps');
      assert.match(await text(welcome), /simulated Defender tenant/);
      assert.deepEqual(await buttonLabels(welcome), [...WELCOME_EXAMPLES]);
      // The Playground announces the install twice (installationUpdate, conversationUpdate): one card.
      await page.waitForTimeout(500);
      assert.equal(await chat.cards().count(), 1);
      await shot('1-welcome', welcome);

      const popup = await openFindDevice(page);
      const box = popup.getByPlaceholder('Enter a search term');
      await box.click();
      await page.keyboard.type('my', { delay: 60 });
      await popup.getByText('Type at least 3 characters').waitFor();
      await shot('2-too-short');
      await page.keyboard.type('mach', { delay: 60 });
      const row1 = popup.getByText('mymachine1.contoso.com', { exact: true });
      await row1.waitFor();
      await popup.getByText('mymachine2.contoso.com', { exact: true }).waitFor();
      assert.match(await text(popup), /risk \w+/, 'a row says the risk');
      await shot('3-results');

      const before = await chat.cards().count();
      await row1.click();
      await page.getByRole('button', { name: 'Send Message' }).click();
      const sent = await chat.cardAt(before);
      assert.match(await text(sent), /^mymachine1\.contoso\.com Machine details/);
      assert.ok((await text(sent)).includes('Device id:'), 'the full details card');
      // The card asks the bot nothing: no answer follows it.
      await page.waitForTimeout(2000);
      assert.equal(await chat.cards().count(), before + 1);
      await shot('4-inserted', sent);
    } catch (e) {
      await page.screenshot({ path: path.join(SHOTS, 'find-device-FAILED.png') }).catch(() => undefined);
      if (e instanceof Error) e.message += `\n--- bot output ---\n${bot?.output().slice(-3000) ?? ''}`;
      throw e;
    } finally {
      await session.close();
    }
  });
});
