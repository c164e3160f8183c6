// What every card gets, whatever its template: schema 1.2, full width, fallbackText, the demo footer,
// and a size check.
import { BotError } from '../errors';
import { toPlainSubmit } from './action-style';
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

/** Wrap an expanded template into the card we send. Throws CardTooLargeError rather than send a card Teams would refuse. */
export function finishCard(expanded: unknown, fallbackText: string, ctx: RenderContext): AdaptiveCardJson {
  if (!isCardJson(expanded)) throw new Error('card template did not expand to an AdaptiveCard');
  if (expanded.version !== CARD_VERSION) throw new Error(`card template has version ${expanded.version}, expected ${CARD_VERSION}`);
  const body = [...expanded.body];
  if (ctx.dataFetchedAt)
    body.push({
      type: 'TextBlock',
      text: fetchedNote(ctx.dataFetchedAt, ctx.now),
      isSubtle: true,
      size: 'small',
      wrap: true,
      separator: true,
    });
  if (ctx.demo)
    body.push({ type: 'TextBlock', text: DEMO_FOOTER, isSubtle: true, size: 'small', wrap: true, separator: !ctx.dataFetchedAt });
  // A template's card-level actions can expand to nothing (no pages to go to): then leave the key out.
  const { actions, ...rest } = expanded;
  const built: AdaptiveCardJson = {
    ...rest,
    body,
    ...(Array.isArray(actions) && actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
    fallbackText,
  };
  const card = ctx.actionStyle === 'plainSubmit' ? toPlainSubmit(built) : built;
  const bytes = cardBytes(card);
  if (bytes >= MAX_CARD_BYTES) throw new CardTooLargeError(bytes);
  return card;
}
