// `npm run screenshots`: regenerates the README's pictures in docs/images/ from the running demo, with
// the same helpers as the UI tests (scripts/rig/ui): the demo bot and Microsoft 365 Agents
// Playground on free ports, driven by headless Chromium.
//   playground-machines.png   "machines for user1" in a personal chat (the compact list)
//   playground-details.png    after clicking "Details" on mymachine1.contoso.com
//   playground-logons.png     after clicking "Who logged on" on that details card
//   playground-channel.png    a channel post that @mentions the bot, answered in its thread
//   phone-machines-328.png    the same machines card as a 360 px phone shows it (328 px wide), drawn by the
//   phone-details-328.png     rendering test's harness (test/ui/helpers/card-render.ts: adaptivecards
//                             renderer, Teams host config, markdown-it), and so is the details card
// Needs Chromium (/usr/bin/chromium, or CHROMIUM_PATH). The PNGs are committed; re-run when cards change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { docsImagesDir } from './rig/ui/artifacts';
import { CHROMIUM_PATH, launchChromium } from './rig/ui/browser';
import { openCardPage, PHONE_WIDTH } from './rig/ui/card-render';
import type { CardPage } from './rig/ui/card-render';
import {
  button,
  chatPaneBox,
  entry,
  openChannel,
  openPlayground,
  personalChat,
  postWithMention,
  scrollCardIntoView,
} from './rig/ui/playground';
import { startDemoBot, startPlayground, type RunningProcess } from './rig/ui/processes';

/** GitHub shows README images up to its column width; a bigger file is only slower. */
const MAX_BYTES = 300 * 1024;
/** A phone screen's worth of card. */
const PHONE_HEIGHT = 740;

/** The chat pane, scrolled so `target` starts `offset` px from its top. */
async function chatShot(page: Page, target: Locator, file: string, offset?: number): Promise<void> {
  await scrollCardIntoView(target, offset);
  await page.screenshot({ path: file, clip: await chatPaneBox(page), animations: 'disabled', caret: 'hide' });
}

/** A phone screen's worth of `card`, from its top, as the rendering test draws it. */
async function phoneShot(phone: CardPage, card: unknown, file: string): Promise<void> {
  if (card === undefined) throw new Error(`no card captured for ${path.basename(file)}`);
  await phone.render(card);
  const width = phone.page.viewportSize()?.width ?? PHONE_WIDTH;
  await phone.page.screenshot({ path: file, clip: { x: 0, y: 0, width, height: PHONE_HEIGHT }, animations: 'disabled' });
}

async function run(browser: Browser, playgroundUrl: string, out: string): Promise<string[]> {
  const written: string[] = [];
  const session = await openPlayground(browser, playgroundUrl, { width: 1280, height: 900 });
  try {
    const { page } = session;
    const chat = personalChat(page);
    await chat.waitForCard('What I can do');

    const machines = await chat.ask('machines for user1');
    await chatShot(page, machines, path.join(out, 'playground-machines.png'));
    written.push('playground-machines.png');
    const machinesJson = session.botCards[session.botCards.length - 1];

    const details = await chat.click(button(entry(machines, 'mymachine1.contoso.com'), 'Details'));
    await chatShot(page, details, path.join(out, 'playground-details.png'));
    written.push('playground-details.png');
    const detailsJson = session.botCards[session.botCards.length - 1];

    const logons = await chat.click(button(details, 'Who logged on'));
    await chatShot(page, logons, path.join(out, 'playground-logons.png'));
    written.push('playground-logons.png');

    const newPost = await openChannel(page, 'General');
    const thread = await postWithMention(page, newPost, 'who logged onto mymachine1.contoso.com');
    await thread.cardAt(0);
    await chatShot(page, thread.root, path.join(out, 'playground-channel.png'), 16);
    written.push('playground-channel.png');

    const phone = await openCardPage(browser, PHONE_WIDTH, PHONE_HEIGHT);
    try {
      for (const [card, name] of [
        [machinesJson, 'phone-machines-328.png'],
        [detailsJson, 'phone-details-328.png'],
      ] as const) {
        await phoneShot(phone, card, path.join(out, name));
        written.push(name);
      }
    } finally {
      await phone.close();
    }
  } finally {
    await session.close();
  }
  return written;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it ("apt-get install -y chromium") or set CHROMIUM_PATH.`);
  const out = docsImagesDir();
  let bot: RunningProcess | undefined;
  let playground: RunningProcess | undefined;
  let browser: Browser | undefined;
  try {
    bot = await startDemoBot();
    playground = await startPlayground(bot.url);
    browser = await launchChromium();
    const written = await run(browser, playground.url, out);
    let tooBig = false;
    for (const name of written) {
      const bytes = fs.statSync(path.join(out, name)).size;
      tooBig ||= bytes > MAX_BYTES;
      process.stdout.write(`wrote docs/images/${name} (${Math.round(bytes / 1024)} KB)${bytes > MAX_BYTES ? '  TOO BIG' : ''}\n`);
    }
    if (tooBig) throw new Error(`an image is over ${MAX_BYTES / 1024} KB`);
  } finally {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`screenshots failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
