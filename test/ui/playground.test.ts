// End to end in Microsoft 365 Agents Playground, Microsoft's local Teams-like client: the demo bot
// (`node dist/src/main.js`, simulated tenant) and the Playground run as child processes on free
// ports; headless Chromium types and clicks like an analyst. Every assertion reads the RENDERED page:
// card text and the buttons a person can see. Each step leaves a screenshot in artifacts/ui/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { COMMANDS } from '../../src/commands/definitions';
import * as facts from '../../src/simulator/data/facts';
import { artifactDir } from '../../scripts/rig/ui/artifacts';
import { launchChromium, uiSkipReason } from '../../scripts/rig/ui/browser';
import {
  button,
  buttonLabels,
  entry,
  openChannel,
  openPlayground,
  personalChat,
  PLAYGROUND_BOT_NAME,
  postWithMention,
  screenshot,
} from '../../scripts/rig/ui/playground';
import { startDemoBot, startPlayground, type RunningProcess } from '../../scripts/rig/ui/processes';
import { startSimulator, type SimulatorHandle } from '../../src/simulator';

const SHOTS = artifactDir('ui');
const PAGE_SIZE = 10;

/** Host names shown on a card (the simulated tenant's machines all end in .contoso.com or .example.com). */
async function hostNames(card: Locator): Promise<string[]> {
  return [...(await card.innerText()).matchAll(/\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:contoso\.com|example\.com)\b/g)].map((m) => m[0]);
}

async function cardText(card: Locator): Promise<string> {
  return (await card.innerText()).replace(/\s+/g, ' ').trim();
}

describe('Agents Playground: the demo bot as an analyst sees it', { skip: uiSkipReason(), timeout: 240_000 }, () => {
  let bot: RunningProcess | undefined;
  let playground: RunningProcess | undefined;
  let browser: Browser | undefined;
  // The simulated tenant runs here, not inside the bot, so a scenario can make Defender fail and count
  // its calls. No answer cache and one attempt per call: each failure and call is the scenario's own.
  let sim: SimulatorHandle | undefined;

  before(async () => {
    sim = await startSimulator();
    bot = await startDemoBot({ env: { DEFENDER_API_URL: sim.url, RESULT_CACHE_TTL_SECONDS: '0', DEFENDER_RETRY_ATTEMPTS: '1' } });
    playground = await startPlayground(bot.url);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
    await sim?.close();
  });

  /** A fresh browser context on the Playground; a screenshot of the page if the scenario fails. */
  async function scenario(
    name: string,
    run: (page: Page, shot: (step: string, card?: Locator) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    assert.ok(browser && playground, 'setup failed');
    const session = await openPlayground(browser, playground.url);
    const shot = (step: string, card?: Locator): Promise<void> =>
      screenshot(session.page, path.join(SHOTS, `${name}-${step}.png`), card ? { card } : {});
    try {
      await run(session.page, shot);
    } catch (e) {
      await session.page.screenshot({ path: path.join(SHOTS, `${name}-FAILED.png`) }).catch(() => undefined);
      const logs = `\n--- bot output ---\n${bot?.output().slice(-4000) ?? ''}\n--- playground output ---\n${playground?.output().slice(-2000) ?? ''}`;
      if (e instanceof Error) e.message += logs;
      throw e;
    } finally {
      await session.close();
    }
  }

  test('personal chat: the welcome card on install, then "help"; its Try button runs the example', async () => {
    await scenario('help', async (page, shot) => {
      const chat = personalChat(page);
      const welcome = await chat.waitForCard('What I can do');
      await shot('1-welcome', welcome);

      const help = await chat.ask('help');
      const text = await cardText(help);
      assert.match(text, /What I can do/);
      for (const heading of ['machines for <user>', 'who logged onto <machine>', 'machine <machine>'])
        assert.ok(text.includes(heading), `help lists "${heading}": ${text}`);
      assert.match(text, /Demo tenant — simulated data/, 'demo cards say so');
      // One short "Try" button per command that takes an argument, under that command's examples.
      const labels = await buttonLabels(help);
      assert.equal(
        labels.filter((l) => l === 'Try the first example').length,
        COMMANDS.filter((c) => c.argument).length,
        labels.join(' | '),
      );
      const machinesFor = entry(help, 'machines for <user>');
      assert.deepEqual(await buttonLabels(machinesFor), ['Try the first example']);
      await shot('2-help', help);

      const tried = await chat.click(button(machinesFor, 'Try the first example'));
      assert.match(await cardText(tried), new RegExp(`^${facts.USER1_MACHINE_IDS.length} machines for user1`));
      await shot('3-try-button', tried);
    });
  });

  test('personal chat: machines for user1 (compact list) → Details → Who logged on → Machines (domain admin) → Next', async () => {
    await scenario('drilldown', async (page, shot) => {
      const chat = personalChat(page);
      await chat.waitForCard('What I can do');

      // 1. Typed command: every machine of user1, one compact row each with Details and Alerts; the
      //    order is stated on the card.
      const machines = await chat.ask('machines for user1');
      const machinesText = await cardText(machines);
      assert.match(machinesText, new RegExp(`^${facts.USER1_MACHINE_IDS.length} machines for user1 — as your Defender access shows them`));
      assert.match(machinesText, /Highest risk first, then most recently seen/);
      const mymachine1 = entry(machines, 'mymachine1.contoso.com');
      assert.deepEqual(await buttonLabels(mymachine1), ['Details', 'Alerts']);
      assert.match(await cardText(mymachine1), /● \w+ risk/, 'a risk marker in words');
      const twoEach = Array.from({ length: facts.USER1_MACHINE_IDS.length }, () => ['Details', 'Alerts']).flat();
      assert.deepEqual(
        await buttonLabels(machines),
        [...twoEach, '↻ Refresh', "User's alerts"],
        "Details and Alerts per machine, Refresh at the foot of the list, then the user's alerts",
      );
      await shot('1-machines', machines);

      // 2. Details of mymachine1: status lines, the device id in full, then Who logged on and the portal.
      const details = await chat.click(button(mymachine1, 'Details'));
      const detailsText = await cardText(details);
      assert.match(detailsText, /^mymachine1\.contoso\.com Machine details/);
      assert.match(detailsText, /Health: \w/);
      assert.ok(detailsText.includes(`Device id: ${facts.SEED_MACHINE_IDS.mymachine1}`), detailsText);
      assert.deepEqual(await buttonLabels(details), ['↻ Refresh', 'Who logged on', 'Alerts', 'Open in Defender']);
      await shot('2-details', details);

      // 3. Who logged on to mymachine1: the three accounts, the domain admin flagged in words.
      const logons = await chat.click(button(details, 'Who logged on'));
      const logonsText = await cardText(logons);
      // Named by the host name the bot sealed onto the Who logged on button (a forged label shows the id).
      assert.match(logonsText, new RegExp(`^${facts.MYMACHINE1_LOGON_USER_IDS.length} accounts logged on to mymachine1\\.contoso\\.com`));
      for (const id of facts.MYMACHINE1_LOGON_USER_IDS) assert.ok(logonsText.includes(id), `${id} listed: ${logonsText}`);
      const admin = entry(logons, facts.DOMAIN_ADMIN.id);
      assert.match(await cardText(admin), /⚠ Domain admin/);
      assert.deepEqual(await buttonLabels(admin), ['Machines']);
      await shot('3-logons', logons);

      // 4. Machines for the domain admin: more than a page, so page 1 of 3 with a Next button.
      const adminMachines = await chat.click(button(admin, 'Machines'));
      const pages = Math.ceil(facts.DOMAIN_ADMIN.machineCount / PAGE_SIZE);
      const page1Text = await cardText(adminMachines);
      assert.match(page1Text, new RegExp(`^${facts.DOMAIN_ADMIN.machineCount} machines for ${facts.DOMAIN_ADMIN.accountName}`));
      assert.match(page1Text, new RegExp(`Page 1 of ${pages} · 1–${PAGE_SIZE}`));
      assert.equal(await button(adminMachines, 'Details').count(), PAGE_SIZE);
      const pagerLabels = (await buttonLabels(adminMachines)).filter((l) => /Next|Previous/.test(l));
      assert.deepEqual(pagerLabels, [`Next (2 of ${pages}) ▶`]);
      const page1Hosts = await hostNames(adminMachines);
      assert.equal(new Set(page1Hosts).size, PAGE_SIZE, page1Hosts.join(', '));
      await shot('4-admin-machines', adminMachines);

      // 5. Next: page 2 in place of page 1 (the Playground's connector took the bot's edit of that
      //    message; no card was added), other machines, Previous and Next.
      const page2 = await chat.clickInPlace(adminMachines, button(adminMachines, /^Next/), new RegExp(`Page 2 of ${pages}`));
      const page2Text = await cardText(page2);
      assert.match(page2Text, new RegExp(`^${facts.DOMAIN_ADMIN.machineCount} machines for ${facts.DOMAIN_ADMIN.accountName}`));
      assert.match(page2Text, new RegExp(`Page 2 of ${pages} · ${PAGE_SIZE + 1}–${2 * PAGE_SIZE}`));
      const page2Hosts = await hostNames(page2);
      assert.equal(new Set(page2Hosts).size, PAGE_SIZE);
      assert.deepEqual(
        page2Hosts.filter((h) => page1Hosts.includes(h)),
        [],
        'page 2 shows other machines than page 1',
      );
      const page2Pager = (await buttonLabels(page2)).filter((l) => /Next|Previous/.test(l));
      assert.equal(page2Pager.length, 2, page2Pager.join(' | '));
      assert.ok(
        page2Pager.some((l) => l.includes('Previous')) && page2Pager.some((l) => l.includes(`Next (3 of ${pages})`)),
        page2Pager.join(' | '),
      );
      await shot('5-next-page', page2);

      // 6. Previous: page 1 again, in the same card.
      const back = await chat.clickInPlace(page2, button(page2, /Previous/), new RegExp(`Page 1 of ${pages}`));
      assert.deepEqual(await hostNames(back), page1Hosts);
    });
  });

  test('personal chat: Defender fails (503); Retry on the error card answers into it, and Refresh asks Defender again', async () => {
    assert.ok(sim, 'setup failed');
    const tenant = sim;
    await scenario('retry', async (page, shot) => {
      const chat = personalChat(page);
      await chat.waitForCard('What I can do');
      tenant.faults.set({ kind: 'status', status: 503 }, { times: 1 });
      const failed = await chat.ask('machines for user1');
      assert.match(await cardText(failed), /^Defender had a problem/);
      assert.deepEqual(await buttonLabels(failed), ['↻ Retry']);
      await shot('1-error', failed);

      tenant.calls.reset();
      const answered = await chat.clickInPlace(failed, button(failed, 'Retry'), /machines for user1/);
      assert.match(await cardText(answered), new RegExp(`^${facts.USER1_MACHINE_IDS.length} machines for user1`));
      assert.equal(tenant.calls.total(), 1, 'Retry made one Defender call');
      await shot('2-retried', answered);

      // Refresh: one Defender call, and the answer lands in the same card (no card added).
      tenant.calls.reset();
      const count = await chat.cards().count();
      await button(answered, 'Refresh').click();
      const deadline = Date.now() + 15_000;
      while (tenant.calls.total() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 1_000));
      assert.equal(tenant.calls.total(), 1, 'Refresh made one Defender call');
      assert.equal(await chat.cards().count(), count, 'no card added');
      assert.match(await cardText(answered), new RegExp(`^${facts.USER1_MACHINE_IDS.length} machines for user1`));
    });
  });

  test("personal chat: alerts on a busy machine → an alert's details → the related user's machines", async () => {
    await scenario('alerts', async (page, shot) => {
      const chat = personalChat(page);
      await chat.waitForCard('What I can do');
      const list = await chat.ask('alerts on mymachine1.contoso.com');
      const listText = await cardText(list);
      assert.match(listText, new RegExp(`^${facts.ALERTS_BUSY_MACHINE.alertCount} alerts on mymachine1\\.contoso\\.com`));
      assert.match(listText, /\d+ open, \+\d+ resolved · Page 1 of 2/);
      assert.equal(await button(list, /^Details$/).count(), PAGE_SIZE);
      await shot('1-alert-list', list);

      const alert = await chat.click(button(list, /^Details$/).first());
      const alertText = await cardText(alert);
      assert.match(alertText, /Alert details — as your Defender access shows it/);
      assert.match(alertText, /Severity: \w/);
      assert.ok((await buttonLabels(alert)).includes('Open in Defender'), (await buttonLabels(alert)).join(' | '));
      await shot('2-alert-details', alert);

      const related = (await buttonLabels(alert)).find((l) => l.startsWith('Machines for '));
      assert.ok(related, (await buttonLabels(alert)).join(' | '));
      const machines = await chat.click(button(alert, related));
      assert.match(await cardText(machines), new RegExp(`^\\d+ machines for ${related.slice('Machines for '.length)}`));
      await shot('3-related-user-machines', machines);
    });
  });

  test('personal chat: a typo gets "did you mean", and clicking the suggestion runs it', async () => {
    await scenario('typo', async (page, shot) => {
      const chat = personalChat(page);
      await chat.waitForCard('What I can do');
      const unknown = await chat.ask('machiens for user1');
      const text = await cardText(unknown);
      assert.match(text, /didn.t understand “machiens for user1”/);
      assert.match(text, /Did you mean/);
      assert.deepEqual(await buttonLabels(unknown), ['machines for user1', 'Help']);
      await shot('1-did-you-mean', unknown);

      const machines = await chat.click(button(unknown, 'machines for user1'));
      assert.match(await cardText(machines), new RegExp(`^${facts.USER1_MACHINE_IDS.length} machines for user1`));
      assert.ok((await hostNames(machines)).includes('mymachine1.contoso.com'));
      await shot('2-suggestion-clicked', machines);
    });
  });

  test('personal chat: a host nobody has gets the "not found or not visible" error card', async () => {
    await scenario('error', async (page, shot) => {
      const chat = personalChat(page);
      await chat.waitForCard('What I can do');
      const error = await chat.ask('who logged onto no-such-host.contoso.com');
      const text = await cardText(error);
      assert.match(text, /^Machine not found: no-such-host\.contoso\.com/);
      assert.match(text, /no such machine, or it is not visible with your Defender access/);
      assert.match(text, /What to do:/);
      await shot('1-not-found', error);
    });
  });

  test('Teams channel: a post that @mentions the bot is answered in its thread, and card buttons work there', async () => {
    await scenario('channel', async (page, shot) => {
      await personalChat(page).waitForCard('What I can do');
      const newPost = await openChannel(page, 'General');

      // The mention is inserted from the "@" picker, as a person would.
      const thread = await postWithMention(page, newPost, 'machines for user1', { whilePickerOpen: () => shot('1-mention-picker') });
      const reply = await thread.cardAt(0);
      const replyText = await cardText(reply);
      assert.match(replyText, new RegExp(`^${facts.USER1_MACHINE_IDS.length} machines for user1`));
      // In a channel "your" would mean every reader: the card names the asker (the Playground's user).
      assert.match(replyText, /— as Alex Wilber’s Defender access shows them/);
      assert.match(
        await thread.root.innerText(),
        new RegExp(`${PLAYGROUND_BOT_NAME} machines for user1`),
        'the post shows the mention by name',
      );
      await shot('2-reply-in-thread', reply);

      const details = await thread.click(button(entry(reply, 'mymachine1.contoso.com'), 'Details'));
      assert.match(await cardText(details), /^mymachine1\.contoso\.com Machine details/);
      const logons = await thread.click(button(details, 'Who logged on'));
      assert.match(
        await cardText(logons),
        new RegExp(`^${facts.MYMACHINE1_LOGON_USER_IDS.length} accounts logged on to mymachine1\\.contoso\\.com`),
      );
      await shot('3-button-in-thread', logons);
    });
  });
});
