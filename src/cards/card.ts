// What every card gets, whatever its template: schema 1.2, full width, fallbackText, the demo footer,
// and a size check.
import { BotError } from '../errors';
import { toPlainSubmit } from './action-style';
import type { SubmitVm } from './view-models/common';
import type { AdaptiveCardJson, RenderContext } from './types';

export const CARD_VERSION = '1.2';
/** Teams refuses bot messages above ~100 KB (HTTP 413); stay under 80 KB. */
export const MAX_CARD_BYTES = 80 * 1024;
/** fallbackText is for clients that cannot render the card: a few lines, not the whole card again. */
export const MAX_FALLBACK_TEXT = 2000;
/** The summary is a notification line. */
export const MAX_SUMMARY = 250;
export const DEMO_FOOTER = 'Demo tenant — simulated data';

/** "Data from Defender at 11:39:12 UTC (cached, 45 s old)": a repeat within the cache TTL is not live. */
export function fetchedNote(fetchedAt: Date, now: Date): string {
  const ageS = Math.max(0, Math.round((now.getTime() - fetchedAt.getTime()) / 1000));
  return `Data from Defender at ${fetchedAt.toISOString().slice(11, 19)} UTC (cached, ${ageS} s old)`;
}

/** "Cached 45 s ago (11:39:12 UTC)": the same fact, short enough to sit beside the Refresh button. */
export function shortFetchedNote(fetchedAt: Date, now: Date): string {
  const ageS = Math.max(0, Math.round((now.getTime() - fetchedAt.getTime()) / 1000));
  return `Cached ${ageS} s ago (${fetchedAt.toISOString().slice(11, 19)} UTC).`;
}

export class CardTooLargeError extends BotError<'cardTooLarge'> {
  constructor(readonly bytes: number) {
    super('cardTooLarge', `card is ${bytes} bytes, over the ${MAX_CARD_BYTES}-byte limit`);
  }
}

export function cardBytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function isCardJson(value: unknown): value is AdaptiveCardJson {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['type'] === 'AdaptiveCard' && typeof v['version'] === 'string' && Array.isArray(v['body']);
}

/**
 * Wrap an expanded template into the card we send. Throws CardTooLargeError rather than send a card Teams would refuse.
 * `refresh`: a data card's Refresh button, placed at its foot next to the data's age.
 */
export function finishCard(expanded: unknown, fallbackText: string, ctx: RenderContext, refresh?: SubmitVm): AdaptiveCardJson {
  if (!isCardJson(expanded)) throw new Error('card template did not expand to an AdaptiveCard');
  if (expanded.version !== CARD_VERSION) throw new Error(`card template has version ${expanded.version}, expected ${CARD_VERSION}`);
  const body = [...expanded.body];
  const replaced = ctx.replacesOtherView === true && ctx.accessHolder !== undefined;
  const footed = ctx.dataFetchedAt !== undefined || replaced || refresh !== undefined;
  if (refresh !== undefined) {
    // Beside the button the column is narrow: the short forms, in one block, keep the foot low on a phone.
    const note = [ctx.dataFetchedAt && shortFetchedNote(ctx.dataFetchedAt, ctx.now), replaced && REPLACED_VIEW_NOTE]
      .filter(Boolean)
      .join(' ');
    body.push(refreshRow(refresh, note));
  } else {
    const notes = [ctx.dataFetchedAt && fetchedNote(ctx.dataFetchedAt, ctx.now), replaced && REPLACED_VIEW_NOTE].filter(Boolean);
    body.push(
      ...notes.map((text, i) => ({
        type: 'TextBlock',
        text,
        isSubtle: true,
        size: 'small',
        wrap: true,
        ...(i === 0 ? { separator: true } : { spacing: 'none' }),
      })),
    );
  }
  if (ctx.demo) body.push({ type: 'TextBlock', text: DEMO_FOOTER, isSubtle: true, size: 'small', wrap: true, separator: !footed });
  // A template's card-level actions can expand to nothing (no pages to go to): then leave the key out.
  const { actions, ...rest } = expanded;
  const built: AdaptiveCardJson = {
    ...rest,
    body,
    ...(Array.isArray(actions) && actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
    fallbackText,
  };
  const tagged = stampButtons(built, ctx);
  const card = ctx.actionStyle === 'plainSubmit' ? toPlainSubmit(tagged) : tagged;
  const bytes = cardBytes(card);
  if (bytes >= MAX_CARD_BYTES) throw new CardTooLargeError(bytes);
  return card;
}

/** A messageBack Action.Submit, as the templates write it. */
export function submitAction(vm: SubmitVm): Record<string, unknown> {
  return {
    type: 'Action.Submit',
    title: vm.title,
    data: { msteams: { type: 'messageBack', text: vm.text, displayText: vm.displayText, value: vm.value } },
  };
}

/** A click by someone else replaced the card (in a channel); the title already names whose view it is now. */
export const REPLACED_VIEW_NOTE = 'Replaced another person’s view.';

/** The foot of a data card: its Refresh button, beside its note (cached, replaced view) when there is one. */
function refreshRow(refresh: SubmitVm, note: string): Record<string, unknown> {
  const button = { type: 'ActionSet', actions: [submitAction(refresh)] };
  if (note === '') return { ...button, separator: true, spacing: 'small' };
  return {
    type: 'ColumnSet',
    separator: true,
    spacing: 'small',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'center',
        items: [{ type: 'TextBlock', text: note, isSubtle: true, size: 'small', wrap: true }],
      },
      { type: 'Column', width: 'auto', items: [button] },
    ],
  };
}

/**
 * What only the render context knows, on every button value: `by` (whose view the card shows) on
 * in-place buttons, so a click by someone else can say so; `ls`, the seal of a machine label.
 * Copies only the nodes on the way to a stamped value; the rest of the card is shared with `node`,
 * which the caller has just expanded and does not keep.
 */
function stampButtons<T>(node: T, ctx: RenderContext): T {
  if (ctx.viewerTag === undefined && ctx.sealLabel === undefined) return node;
  return stamped(node, ctx) as T;
}

function stamped(node: unknown, ctx: RenderContext): unknown {
  if (Array.isArray(node)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      // Most of a card is text: only objects and arrays can hold a button.
      if (typeof item !== 'object' || item === null) continue;
      const next = stamped(item, ctx);
      if (next !== item) {
        out ??= node.slice();
        out[i] = next;
      }
    }
    return out ?? node;
  }
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key in record) {
    const child = record[key];
    if (typeof child !== 'object' || child === null) continue;
    const next = stamped(child, ctx);
    if (next !== child) {
      out ??= { ...record };
      out[key] = next;
    }
  }
  const value = (out ?? record)['value'];
  if (record['type'] !== 'messageBack' || typeof value !== 'object' || value === null) return out ?? node;
  const v = value as { inPlace?: unknown; machineId?: unknown; label?: unknown };
  const by = ctx.viewerTag !== undefined && v.inPlace === true;
  const seal = ctx.sealLabel !== undefined && typeof v.machineId === 'string' && typeof v.label === 'string';
  if (!by && !seal) return out ?? node;
  return {
    ...(out ?? record),
    value: {
      ...v,
      ...(by ? { by: ctx.viewerTag } : {}),
      ...(seal ? { ls: ctx.sealLabel?.(v.machineId as string, v.label as string) } : {}),
    },
  };
}
