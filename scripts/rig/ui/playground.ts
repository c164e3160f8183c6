// Driving Microsoft 365 Agents Playground (0.2.x) like a person: type in the compose box, press Enter,
// click the buttons of the cards the bot sends. Everything here reads what the page RENDERS.
//
// What the Playground looks like to a test (learned by poking at 0.2.28):
// - Every rendered Adaptive Card is a `.ac-adaptiveCard` element; its buttons are real <button>s.
// - The compose box is a Lexical editor, `[data-lexical-editor=true]`; Enter sends.
// - Loading the page sends installationUpdate + conversationUpdate; opening a channel sends them again.
// - Channels: "Start a new post" composer + Post button; posts are newest first, each post is a
//   role=group card holding its replies (oldest first) and its own reply composer. Typing "@" opens
//   a mention picker (role=menuitem, the bot's name, "Test Bot"); choosing it inserts a mention that
//   reaches the bot as `<at>Test Bot</at>` with a mention entity.
// - Bug in 0.2.x: a bot "typing" activity in a channel thread (conversation "team-id;messageid=…")
//   throws in the page ("Saga error: Invalid conversation id …" from setBotTypingStatus), the page
//   restarts its message stream, and the reply card that follows is lost or not, depending on timing.
//   Real Teams shows typing in threads fine, so openPlayground drops exactly those typing frames.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** The bot's display name in the Playground (its mention picker and message headers). */
export const PLAYGROUND_BOT_NAME = 'Test Bot';

/** Generous: CI machines are slow, and a wait ends as soon as the content is there. */
export const UI_TIMEOUT_MS = 30_000;

export interface PlaygroundPage {
  context: BrowserContext;
  page: Page;
  /** The Adaptive Card JSON of every card the bot sent to this page, oldest first. */
  botCards: unknown[];
  close(): Promise<void>;
}

export async function openPlayground(browser: Browser, url: string, viewport = { width: 1280, height: 900 }): Promise<PlaygroundPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  // The page asks a CDN for fonts and animations; offline those fail. Nothing else goes off-box.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
  const botCards: unknown[] = [];
  await page.routeWebSocket(/\/_ws_conversation\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const frame = parseFrame(message);
      botCards.push(...cardsIn(frame));
      if (!isThreadTyping(frame)) ws.send(message);
    });
  });
  await page.goto(url);
  await page.locator('[data-lexical-editor=true]').first().waitFor();
  return { context, page, botCards, close: () => context.close() };
}

interface Frame {
  action?: unknown;
  actionConversationId?: unknown;
  message?: { attachments?: Array<{ contentType?: unknown; content?: unknown }> };
}

/** A frame the Playground server pushes to its page ({ action: 'createMessage' | 'typing' | …, … }). */
function parseFrame(message: string | Buffer): Frame {
  try {
    const frame: unknown = JSON.parse(message.toString());
    return typeof frame === 'object' && frame !== null ? (frame as Frame) : {};
  } catch {
    return {};
  }
}

/** A "bot is typing" frame for a channel thread: the Playground 0.2.x page cannot handle those (see top). */
function isThreadTyping(frame: Frame): boolean {
  return frame.action === 'typing' && typeof frame.actionConversationId === 'string' && frame.actionConversationId.includes(';messageid=');
}

function cardsIn(frame: Frame): unknown[] {
  if (frame.action !== 'createMessage') return [];
  return (frame.message?.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);
}

/** One conversation (a chat, or one channel thread): its cards in order, and where to type. */
export class Conversation {
  constructor(
    readonly page: Page,
    /** Holds this conversation's cards, oldest first, and nothing else's. */
    readonly root: Locator,
    readonly composer: Locator,
  ) {}

  cards(): Locator {
    return this.root.locator('.ac-adaptiveCard');
  }

  /** Waits for the `index`-th card (0-based) to be rendered. */
  async cardAt(index: number): Promise<Locator> {
    const card = this.cards().nth(index);
    await card.waitFor({ state: 'visible' });
    return card;
  }

  /** Waits for a card whose text matches `text` (the welcome card, say) and returns the last such. */
  async waitForCard(text: string | RegExp): Promise<Locator> {
    const card = this.cards().filter({ hasText: text }).last();
    await card.waitFor({ state: 'visible' });
    return card;
  }

  async type(text: string): Promise<void> {
    await this.composer.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Sends `text` and returns the card the bot answers with (the next card in this conversation). */
  async ask(text: string): Promise<Locator> {
    const before = await this.cards().count();
    await this.type(text);
    return this.cardAt(before);
  }

  /** Clicks a card button and returns the card the bot answers with. */
  async click(button: Locator): Promise<Locator> {
    const before = await this.cards().count();
    await button.click();
    return this.cardAt(before);
  }

  /**
   * Clicks a button of `card` whose answer replaces that card (Next, Refresh, Retry): waits until the
   * card at the same place shows `until`, and fails if the click added a card instead.
   */
  async clickInPlace(card: Locator, button: Locator, until: RegExp): Promise<Locator> {
    const target = await card.elementHandle();
    const index = await this.cards().evaluateAll((els, el) => els.indexOf(el as HTMLElement), target);
    const count = await this.cards().count();
    if (index < 0) throw new Error('clickInPlace: the card is not in this conversation');
    await button.click();
    const same = this.cards().nth(index);
    await same.filter({ hasText: until }).waitFor({ state: 'visible' });
    const after = await this.cards().count();
    if (after !== count) throw new Error(`clickInPlace: the click added ${after - count} card(s) instead of editing this one`);
    return same;
  }
}

/** A visible button of `scope` (a card, or a part of one) whose label contains `title`. */
export function button(scope: Locator, title: string | RegExp): Locator {
  return scope.locator('button:visible', { hasText: title });
}

/** The row of a card about one machine/account: the innermost container that has `name` in its text and a button. */
export function entry(card: Locator, name: string): Locator {
  return card
    .locator('.ac-container')
    .filter({ hasText: name })
    .filter({ has: card.page().locator('button:visible') })
    .last();
}

/** Labels of the visible buttons in `scope`, in order. */
export async function buttonLabels(scope: Locator): Promise<string[]> {
  return (await scope.locator('button:visible').allInnerTexts()).map((t) => t.trim());
}

/** The personal chat the Playground opens with. */
export function personalChat(page: Page): Conversation {
  return new Conversation(page, page.locator('body'), page.locator('[data-lexical-editor=true]').last());
}

/** Opens a Teams channel of "My Team" ("General") and returns the new-post composer. */
export async function openChannel(page: Page, channel = 'General'): Promise<Locator> {
  await page.getByRole('treeitem', { name: `My Team - ${channel}` }).click();
  const newPost = page.getByRole('group').filter({ has: page.getByRole('button', { name: 'Post', exact: true }) });
  await newPost.getByText('Start a new post').waitFor();
  return newPost;
}

/**
 * Starts a channel post that @mentions the bot (typed "@", chosen from the picker, like a person
 * does) followed by `text`, and returns that post's thread as a Conversation.
 */
export async function postWithMention(
  page: Page,
  newPost: Locator,
  text: string,
  options: { botName?: string; whilePickerOpen?: () => Promise<void> } = {},
): Promise<Conversation> {
  const botName = options.botName ?? PLAYGROUND_BOT_NAME;
  await newPost.locator('[data-lexical-editor=true]').click();
  await page.keyboard.type(`@${botName.slice(0, 4)}`);
  const choice = page.getByRole('menuitem', { name: botName });
  await choice.waitFor();
  await options.whilePickerOpen?.();
  await choice.click();
  await page.keyboard.type(` ${text}`);
  await newPost.getByRole('button', { name: 'Post', exact: true }).click();
  const thread = page
    .getByRole('group')
    .filter({ hasText: `${botName} ${text}` })
    .first();
  await thread.waitFor();
  return new Conversation(page, thread, thread.locator('[data-lexical-editor=true]'));
}

/**
 * Scrolls the message list so `card` starts `offset` px below the top of the list (so the message
 * that asked for it shows above it). No-op when the card is not in a scrolling list.
 */
export async function scrollCardIntoView(card: Locator, offset = 110): Promise<void> {
  await card.evaluate((el, offset) => {
    let scroller: HTMLElement | null = el.parentElement;
    while (scroller) {
      const style = getComputedStyle(scroller);
      if (/(auto|scroll)/.test(style.overflowY) && scroller.scrollHeight > scroller.clientHeight) break;
      scroller = scroller.parentElement;
    }
    if (!scroller) return;
    scroller.scrollTop += el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - offset;
  }, offset);
}

/** The chat pane (message list + compose box), without the left rail and the log panel. */
export async function chatPaneBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.evaluate(() => {
    const card = document.querySelector('.ac-adaptiveCard');
    const editors = document.querySelectorAll('[data-lexical-editor=true]');
    const composer = editors[editors.length - 1];
    let el: Element | null = card;
    while (el && composer && !el.contains(composer)) el = el.parentElement;
    const r = (el ?? document.body).getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  return {
    x: Math.max(0, Math.floor(box.x)),
    y: Math.max(0, Math.floor(box.y)),
    width: Math.ceil(box.width),
    height: Math.ceil(box.height),
  };
}

/**
 * Screenshot of the page with `card` scrolled into view. `chatOnly` crops to the chat pane.
 */
export async function screenshot(page: Page, file: string, options: { card?: Locator; chatOnly?: boolean } = {}): Promise<void> {
  if (options.card) await scrollCardIntoView(options.card);
  const clip = options.chatOnly ? await chatPaneBox(page) : undefined;
  await page.screenshot({ path: file, ...(clip ? { clip } : {}), animations: 'disabled', caret: 'hide' });
}
