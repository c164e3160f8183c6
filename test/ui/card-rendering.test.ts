// Every card the bot can send, drawn by Microsoft's `adaptivecards` renderer in headless Chromium with a
// Teams-like host config and the renderer's markdown processing, at the width a card has on a 360 px
// phone (328 px) and in a Teams desktop chat (540 px): no text is cut, nothing sticks out of the card,
// every button label is shown in full (none cut to "…"), what an analyst reads first (host names,
// accounts, key facts) is visible, and a page of a list is at most MAX_PAGE_HEIGHT tall on the phone.
// Screenshots: artifacts/cards/; every card's height: artifacts/cards/heights.md (copied into BENCHMARKS.md).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { renderOutcome } from '../../src/cards';
import { cardBytes } from '../../src/cards/card';
import { ctx } from '../cards/fixtures';
import { artifactDir, slug } from '../../scripts/rig/ui/artifacts';
import { launchChromium, uiSkipReason } from '../../scripts/rig/ui/browser';
import { cardCases } from './helpers/card-cases';
import {
  buttonRowWidths,
  cardHeight,
  DESKTOP_WIDTH,
  factRows,
  layoutProblems,
  MAX_PAGE_HEIGHT,
  openCardPage,
  PHONE_WIDTH,
  visibleInCard,
  type CardPage,
} from '../../scripts/rig/ui/card-render';

const SHOTS = artifactDir('cards');
const WIDTHS = [PHONE_WIDTH, DESKTOP_WIDTH];
/** A card the message extension can insert must stay under this (Teams' limit for its result cards). */
const MAX_PAGE_BYTES = 28 * 1024;

const SUITE = 'every card at 328 px and 540 px (adaptivecards renderer in Chromium, Teams host config)';

describe(SUITE, { skip: uiSkipReason(), timeout: 300_000 }, () => {
  let browser: Browser | undefined;
  const pages = new Map<number, CardPage>();
  const heights = new Map<string, { bytes: number; px: Map<number, number> }>();

  before(async () => {
    browser = await launchChromium();
    for (const width of WIDTHS) pages.set(width, await openCardPage(browser, width));
  });

  after(async () => {
    for (const p of pages.values()) await p.close();
    await browser?.close();
    const rows = [...heights.entries()].map(([name, h]) => {
      const px = WIDTHS.map((w) => h.px.get(w) ?? '').join(' | ');
      return `| ${name} | ${px} | ${(h.bytes / 1024).toFixed(1)} |`;
    });
    const head = [
      `| card | ${WIDTHS.map((w) => `height at ${w} px`).join(' | ')} | KB |`,
      `|---|${WIDTHS.map(() => '---:').join('|')}|---:|`,
    ];
    const table = [...head, ...rows].join('\n');
    fs.writeFileSync(path.join(SHOTS, 'heights.md'), `${table}\n`);
  });

  for (const c of cardCases()) {
    for (const width of WIDTHS) {
      const limits = c.isPage && width === PHONE_WIDTH ? `; at most ${MAX_PAGE_HEIGHT} px tall and ${MAX_PAGE_BYTES / 1024} KB` : '';
      test(`${c.name} at ${width} px: no text cut or past the card's edge; key text visible${limits}`, async (t) => {
        const cardPage = pages.get(width);
        assert.ok(cardPage, 'setup failed');
        const { card } = renderOutcome(c.outcome, ctx({ demo: true, actionStyle: 'plainSubmit', ...c.view }));
        const element = await cardPage.render(card);
        await element.screenshot({ path: path.join(SHOTS, `${slug(c.name)}-${width}.png`), animations: 'disabled' });
        const height = await cardHeight(cardPage);
        const bytes = cardBytes(renderOutcome(c.outcome, ctx({ demo: false, ...c.view })).card);
        const entry = heights.get(c.name) ?? { bytes, px: new Map<number, number>() };
        entry.px.set(width, height);
        heights.set(c.name, entry);
        t.diagnostic(`${c.name}: ${height} px tall at ${width} px, ${bytes} bytes`);

        // A button label cut short ("Who logg…", "pc1.contoso.com · seen 7 m…") fails: an analyst on a
        // phone must be able to read what every button does.
        const problems = await layoutProblems(cardPage);
        assert.deepEqual(
          problems.filter((p) => p.buttonLabel).map((p) => p.message),
          [],
          `button labels cut short at ${width} px`,
        );
        assert.deepEqual(
          problems.filter((p) => !p.buttonLabel).map((p) => p.message),
          [],
          'layout problems',
        );

        for (const text of c.mustShow) {
          const problem = await visibleInCard(element.getByText(text, { exact: true }).first(), element);
          assert.equal(problem, undefined, `"${text}": ${problem}`);
        }
        for (const title of c.mustShowFacts) {
          const rows = factRows(element, title);
          const count = await rows.count();
          assert.ok(count > 0, `no "${title}" fact`);
          for (let i = 0; i < count; i++) {
            for (const cell of ['td.ac-fact-title', 'td.ac-fact-value']) {
              const problem = await visibleInCard(rows.nth(i).locator(cell), element);
              assert.equal(problem, undefined, `"${title}" row ${i + 1}, ${cell}: ${problem}`);
            }
          }
        }
        if (c.isPage && width === PHONE_WIDTH) {
          assert.ok(height <= MAX_PAGE_HEIGHT, `${height} px tall at ${width} px, over ${MAX_PAGE_HEIGHT} px`);
          assert.ok(bytes < MAX_PAGE_BYTES, `${bytes} bytes, over ${MAX_PAGE_BYTES}`);
        }

        // Not a failure (buttons wrap, as in Teams desktop and the Playground), but worth knowing:
        // rows of buttons that do not fit on one line at this width.
        const crowded = (await buttonRowWidths(cardPage)).filter((r) => r.needed > r.available);
        if (crowded.length > 0) {
          const distinct = [...new Set(crowded.map((r) => `${r.labels.join(' | ')} (${r.needed} px in ${r.available} px)`))];
          t.diagnostic(`button rows that wrap at ${width} px: ${distinct.join('; ')}`);
        }
      });
    }
  }
});
