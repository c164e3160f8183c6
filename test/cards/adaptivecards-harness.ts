// The Microsoft `adaptivecards` renderer, loaded from its bundled dist/adaptivecards.js into a jsdom
// window (the package's lib/ build is ESM without file extensions and does not load in Node).
// Used to (1) parse our cards against schema 1.2 and collect every warning/error, and (2) render
// them to HTML with a given markdown processor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { repoRoot } from '../../scripts/rig/repo-root';

/** The few parts of the adaptivecards API the tests use, typed loosely. */
interface ParseEvent {
  phase: number;
  event: number;
  message: string;
}
interface SerializationContext {
  readonly eventCount: number;
  getEventAt(index: number): ParseEvent;
}
interface AdaptiveCardInstance {
  parse(json: unknown, context?: SerializationContext): void;
  render(): HTMLElement | undefined;
  validateProperties(): { validationEvents: Array<{ event: number; message: string }> };
}
interface MarkdownResult {
  didProcess: boolean;
  outputHtml?: string | undefined;
}
interface AdaptiveCardsModule {
  AdaptiveCard: { new (): AdaptiveCardInstance; onProcessMarkdown?: (text: string, result: MarkdownResult) => void };
  SerializationContext: new (targetVersion?: unknown) => SerializationContext;
  Versions: { v1_2: unknown };
}

let loaded: { window: JSDOM['window']; ac: AdaptiveCardsModule } | undefined;

function load(): { window: JSDOM['window']; ac: AdaptiveCardsModule } {
  if (loaded) return loaded;
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { runScripts: 'outside-only', pretendToBeVisual: true });
  const bundle = fs.readFileSync(path.join(repoRoot, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.js'), 'utf8');
  dom.window.eval(bundle);
  const ac = (dom.window as unknown as { AdaptiveCards?: AdaptiveCardsModule }).AdaptiveCards;
  if (!ac) throw new Error('adaptivecards bundle did not define window.AdaptiveCards');
  loaded = { window: dom.window, ac };
  return loaded;
}

/**
 * Every parse warning/error (unknown element or action types, properties newer than 1.2, invalid
 * values) and every property-validation event, parsing with target version 1.2. Empty = valid.
 */
export function adaptiveCardProblems(card: unknown): string[] {
  const { ac } = load();
  const instance = new ac.AdaptiveCard();
  const context = new ac.SerializationContext(ac.Versions.v1_2);
  instance.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of instance.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  return problems;
}

/** Render a card to a DOM element, running every TextBlock/Fact text through `markdown` (text → HTML). */
export function renderCard(card: unknown, markdown: (text: string) => string): HTMLElement {
  const { window, ac } = load();
  const previous = ac.AdaptiveCard.onProcessMarkdown;
  ac.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };
  try {
    const instance = new ac.AdaptiveCard();
    instance.parse(card, new ac.SerializationContext(ac.Versions.v1_2));
    const element = instance.render();
    if (!element) throw new Error('adaptivecards rendered nothing');
    window.document.body.replaceChildren(element);
    return element;
  } finally {
    if (previous === undefined) Reflect.deleteProperty(ac.AdaptiveCard, 'onProcessMarkdown');
    else ac.AdaptiveCard.onProcessMarkdown = previous;
  }
}
