// Renders our Adaptive Cards in real Chromium with Microsoft's `adaptivecards` JavaScript renderer
// (its bundled dist/adaptivecards.js), with a Teams-like host config and the renderer's own markdown
// processing (markdown-it, which the renderer picks up when it is on the page), at the width a card
// has on a 360 px phone (328 px) and in a Teams desktop chat column (540 px), and measures the
// layout: is any text cut, does anything stick out of the card, how tall is the card? Used by
// test/ui/card-rendering.test.ts and scripts/screenshots.ts.
//
// A model, not Teams itself: Teams desktop/web use a React renderer and Teams mobile native ones. The
// model is conservative where it can be: text falls back to DejaVu Sans, wider than Segoe UI, and the
// spacing is Teams' (larger than the renderer's defaults), so a card measured here is not shorter or
// narrower than in Teams.
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { repoRoot } from '../repo-root';

/** A card's width on a 360 px phone: the screen less Teams' margins. */
export const PHONE_WIDTH = 328;
/** A card's width in a Teams desktop chat (a message column of a 1280 px window). */
export const DESKTOP_WIDTH = 540;
/** The tallest a page of a list may be on a phone: about two screens, with Next still within reach. */
export const MAX_PAGE_HEIGHT = 1480;
/** Space around the card in the page (the chat's margin). */
const MARGIN = 12;

/** Teams' light-theme text colours; the default and emphasis containers share them. */
const TEAMS_LIGHT_FOREGROUND = {
  default: { default: '#242424', subtle: '#616161' },
  dark: { default: '#252423', subtle: '#484644' },
  light: { default: '#FFFFFF', subtle: '#FFFFFF' },
  accent: { default: '#6264A7', subtle: '#8B8CC7' },
  good: { default: '#237B4B', subtle: '#237B4B' },
  warning: { default: '#835C00', subtle: '#835C00' },
  attention: { default: '#C4314B', subtle: '#C4314B' },
};

/** Close to Teams' light theme (font sizes, weights, line heights, spacing, fact set, buttons). */
export const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  fontFamily: "'Segoe UI', 'DejaVu Sans', sans-serif",
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E1DFDD' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: TEAMS_LIGHT_FOREGROUND,
    },
    emphasis: {
      backgroundColor: '#F5F5F5',
      foregroundColors: TEAMS_LIGHT_FOREGROUND,
    },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 8,
  },
} as const;

// A chat-like frame around the card, and one deviation from the stock web renderer, towards what Teams
// clients do: buttons wrap onto a second row when a row is full, as in Teams desktop/web and the Agents
// Playground (the stock renderer shrinks them to "Who logg…"). Paragraphs and lists from markdown get
// Teams' zero margins. Nothing else is changed: a value that cannot wrap in a FactSet is clipped here
// exactly as in the stock renderer (and in Teams), and the test fails on it.
function pageHtml(cardWidth: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<style>
  html, body { margin: 0; padding: 0; background: #F5F5F5; }
  #host { margin: ${MARGIN}px; width: ${cardWidth}px; }
  #host > .ac-adaptiveCard { border-radius: 4px; box-shadow: 0 0 0 1px #E0E0E0; }
  .ac-actionSet { flex-wrap: wrap; row-gap: 8px; }
  #host .ac-pushButton { font-family: 'Segoe UI', 'DejaVu Sans', sans-serif; font-size: 14px; font-weight: 600; color: #242424;
    background: #FFFFFF; border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer; }
  .ac-textBlock p { margin: 0; }
  .ac-textBlock ul, .ac-textBlock ol { margin: 0; padding-left: 20px; box-sizing: border-box; }
</style></head>
<body><div id="host"></div></body></html>`;
}

export interface CardPage {
  context: BrowserContext;
  page: Page;
  width: number;
  /** Renders `card` (Adaptive Card JSON) in place of the previous one; returns the card element. */
  render(card: unknown): Promise<Locator>;
  close(): Promise<void>;
}

/** Opens a page that renders cards `width` px wide (the viewport is the card plus the chat's margins). */
export async function openCardPage(browser: Browser, width: number, height = 800): Promise<CardPage> {
  const viewport = { width: width + 2 * MARGIN, height };
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.route(/^https?:/, (route) => route.abort());
  await page.setContent(pageHtml(width));
  const dist = path.join(repoRoot, 'node_modules', 'adaptivecards', 'dist');
  await page.addStyleTag({ path: path.join(dist, 'adaptivecards.css') });
  await page.addScriptTag({ path: path.join(repoRoot, 'node_modules', 'markdown-it', 'dist', 'browser', 'markdown-it.umd.min.js') });
  await page.addScriptTag({ path: path.join(dist, 'adaptivecards.js') });
  const render = async (card: unknown): Promise<Locator> => {
    await page.evaluate(
      ({ card, hostConfig }) => {
        const w = window as unknown as {
          AdaptiveCards: {
            AdaptiveCard: { new (): { hostConfig: unknown; parse(json: unknown): void; render(): HTMLElement | undefined } };
            HostConfig: new (json: unknown) => unknown;
          };
          markdownit?: unknown;
        };
        // The renderer runs every TextBlock through markdown-it by itself when it finds it on the page.
        if (typeof w.markdownit !== 'function') {
          throw new Error('markdown-it is not loaded: the renderer would show markdown as plain text');
        }
        const AC = w.AdaptiveCards;
        const instance = new AC.AdaptiveCard();
        instance.hostConfig = new AC.HostConfig(hostConfig);
        instance.parse(card);
        const element = instance.render();
        if (!element) throw new Error('adaptivecards rendered nothing');
        const host = document.getElementById('host') as HTMLElement;
        host.replaceChildren(element);
        window.scrollTo(0, 0);
      },
      { card, hostConfig: TEAMS_HOST_CONFIG },
    );
    return page.locator('#host > .ac-adaptiveCard');
  };
  return { context, page, width, render, close: () => context.close() };
}

export interface LayoutProblem {
  /** True when the problem is a button label cut short ("Who logg…"); the rest of the card is fine. */
  buttonLabel: boolean;
  /** The label or text concerned. */
  text: string;
  message: string;
}

/**
 * Everything wrong with the layout (empty = fine): the page or the card scrolls sideways; an element
 * clips its content (text cut off, sideways or at the bottom); a button label is shortened to "…"
 * (measured exactly); a piece of text or a button lies (partly) outside the card.
 */
export async function layoutProblems(cardPage: CardPage): Promise<LayoutProblem[]> {
  return cardPage.page.evaluate(() => {
    const problems: Array<{ buttonLabel: boolean; text: string; message: string }> = [];
    const textOf = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const where = (el: Element): string => `<${el.tagName.toLowerCase()} class="${el.className}">`;
    const add = (el: Element | null, message: string): void => {
      const text = el ? textOf(el) : '';
      problems.push({
        buttonLabel: el?.closest('button') !== null && el !== null,
        text,
        message: `${message}: ${JSON.stringify(text.slice(0, 80))}`,
      });
    };
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth)
      problems.push({
        buttonLabel: false,
        text: '',
        message: `the page scrolls sideways: scrollWidth ${doc.scrollWidth} > ${doc.clientWidth}`,
      });
    const card = document.querySelector('#host > .ac-adaptiveCard');
    if (!card) return [{ buttonLabel: false, text: '', message: 'no card rendered' }];
    if (card.scrollWidth > card.clientWidth)
      problems.push({
        buttonLabel: false,
        text: '',
        message: `the card scrolls sideways: scrollWidth ${card.scrollWidth} > ${card.clientWidth}`,
      });
    const box = card.getBoundingClientRect();
    for (const el of [card, ...card.querySelectorAll('*')]) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      // (Button labels are measured exactly below: whole-pixel scrollWidth misses a label cut by < 1 px.)
      const inButton = el.closest('button') !== null;
      if (!inButton && el.clientWidth > 0) {
        if (/(hidden|clip)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
          add(el, `clipped sideways (${el.scrollWidth} px of content in ${el.clientWidth} px) in ${where(el)}`);
        }
        if (/(hidden|clip)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) {
          add(el, `clipped at the bottom (${el.scrollHeight} px of content in ${el.clientHeight} px) in ${where(el)}`);
        }
      }
      const isLeafText = el.children.length === 0 && textOf(el) !== '';
      if (isLeafText || el.tagName === 'BUTTON') {
        // The text itself, not its box: a line that runs past its (narrower) box is what a reader loses.
        const range = document.createRange();
        range.selectNodeContents(el);
        const r = el.tagName === 'BUTTON' ? el.getBoundingClientRect() : range.getBoundingClientRect();
        if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) {
          const from = Math.round(r.left - box.left);
          add(el, `past the card's edge (x ${from}…${Math.round(r.right - box.left)} of ${Math.round(box.width)})`);
        }
      }
    }
    // Every visible button: its label's text must fit the room it has, to the fraction of a pixel
    // (the renderer cuts it with an ellipsis as soon as it is wider, "machine mymachine1.contoso.co…").
    const px = (v: string): number => Number.parseFloat(v) || 0;
    for (const button of card.querySelectorAll('button')) {
      if (button.getClientRects().length === 0 || getComputedStyle(button).visibility === 'hidden') continue;
      const holder = [button, ...button.querySelectorAll('*')].filter((e) => textOf(e) !== '').pop() ?? button;
      const hs = getComputedStyle(holder);
      const room =
        holder.getBoundingClientRect().width - px(hs.paddingLeft) - px(hs.paddingRight) - px(hs.borderLeftWidth) - px(hs.borderRightWidth);
      const range = document.createRange();
      range.selectNodeContents(holder);
      const needed = range.getBoundingClientRect().width;
      if (needed > room + 0.05) add(holder, `button label cut short (${needed.toFixed(1)} px of text in ${room.toFixed(1)} px)`);
    }
    return problems;
  });
}

/** The rendered card's height in CSS pixels. */
export async function cardHeight(cardPage: CardPage): Promise<number> {
  return cardPage.page.evaluate(() => {
    const card = document.querySelector('#host > .ac-adaptiveCard');
    return Math.ceil(card?.getBoundingClientRect().height ?? Number.NaN);
  });
}

/** Fails unless `target` is visible and lies within the card's width. */
export async function visibleInCard(target: Locator, card: Locator): Promise<string | undefined> {
  if (!(await target.isVisible())) return 'not visible';
  const box = await target.boundingBox();
  const cardBox = await card.boundingBox();
  if (!box || !cardBox) return 'no box';
  if (box.x < cardBox.x - 0.5 || box.x + box.width > cardBox.x + cardBox.width + 0.5) {
    const from = Math.round(box.x - cardBox.x);
    return `past the card's edge (x ${from}…${Math.round(box.x + box.width - cardBox.x)} of ${Math.round(cardBox.width)})`;
  }
  return undefined;
}

/** The rows of the card's fact sets whose title is `title`: [title cell, value cell] pairs. */
export function factRows(card: Locator, title: string): Locator {
  return card.locator('tr', {
    has: card.page().locator('td.ac-fact-title', { hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }),
  });
}

/** How wide each button row would need to be without wrapping, vs the room it has. */
export async function buttonRowWidths(cardPage: CardPage): Promise<Array<{ labels: string[]; needed: number; available: number }>> {
  return cardPage.page.evaluate(() =>
    [...document.querySelectorAll('#host .ac-actionSet')].map((set) => {
      const buttons = [...set.querySelectorAll('button')];
      const gaps = Math.max(0, buttons.length - 1) * 8;
      return {
        labels: buttons.map((b) => (b.textContent ?? '').trim()),
        needed: Math.ceil(buttons.reduce((sum, b) => sum + b.scrollWidth + (b.offsetWidth - b.clientWidth), 0) + gaps),
        available: Math.floor(set.clientWidth),
      };
    }),
  );
}
