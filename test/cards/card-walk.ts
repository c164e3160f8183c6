// Walks a card's JSON tree: every element and action (incl. Column items, Container items, ActionSet
// actions, ShowCard cards), every markdown-bearing text, every Action.Submit payload.
import type { ActionValue } from '../../src/commands/types';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** Everything Teams mobile is known to render: the schema 1.2 element set (mobile is undocumented; 1.2 is what works). */
export const ALLOWED_TYPES = new Set([
  'AdaptiveCard',
  'TextBlock',
  'FactSet',
  'ColumnSet',
  'Column',
  'Container',
  'Image',
  'ActionSet',
  'Action.Submit',
  'Action.OpenUrl',
  'Action.ShowCard',
  // Schema 1.0: the response-action confirmation's reason box.
  'Input.Text',
]);

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every object in the tree that has a `type` (card, elements, actions), depth first. */
export function typedNodes(card: unknown): Obj[] {
  const out: Obj[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isObj(node)) return;
    if (typeof node['type'] === 'string') out.push(node);
    for (const key of ['body', 'items', 'columns', 'actions', 'card', 'selectAction']) {
      if (key in node) visit(node[key]);
    }
  };
  visit(card);
  return out;
}

export function textBlocks(card: unknown): string[] {
  return typedNodes(card)
    .filter((n) => n['type'] === 'TextBlock')
    .map((n) => String(n['text']));
}

/** TextBlock texts and fact titles/values: the fields Teams runs through markdown. */
export function markdownFields(card: unknown): string[] {
  const out: string[] = [];
  for (const n of typedNodes(card)) {
    if (n['type'] === 'TextBlock') out.push(String(n['text']));
    if (n['type'] === 'FactSet' && Array.isArray(n['facts'])) {
      for (const f of n['facts']) if (isObj(f)) out.push(String(f['title']), String(f['value']));
    }
  }
  return out;
}

export function facts(card: unknown): Array<{ title: string; value: string }> {
  return typedNodes(card)
    .filter((n) => n['type'] === 'FactSet' && Array.isArray(n['facts']))
    .flatMap((n) => (n['facts'] as Json[]).filter(isObj).map((f) => ({ title: String(f['title']), value: String(f['value']) })));
}

export interface SubmitButton {
  title: string;
  type: string;
  text: string;
  displayText: string;
  value: ActionValue;
}

export function submitButtons(card: unknown): SubmitButton[] {
  return typedNodes(card)
    .filter((n) => n['type'] === 'Action.Submit')
    .map((n) => {
      const data = n['data'];
      const msteams = isObj(data) ? data['msteams'] : undefined;
      if (!isObj(msteams)) throw new Error(`Action.Submit without data.msteams: ${JSON.stringify(n)}`);
      return {
        title: String(n['title']),
        type: String(msteams['type']),
        text: String(msteams['text']),
        displayText: String(msteams['displayText']),
        value: msteams['value'] as unknown as ActionValue,
      };
    });
}

/** The buttons of a card but its Refresh (which every data card has, at its foot). */
export function rowButtons(card: unknown): SubmitButton[] {
  return submitButtons(card).filter((b) => b.value.refresh !== true);
}

export function openUrls(card: unknown): Array<{ title: string; url: string }> {
  return typedNodes(card)
    .filter((n) => n['type'] === 'Action.OpenUrl')
    .map((n) => ({ title: String(n['title']), url: String(n['url']) }));
}
