// Teams message text → plain command text. Teams sends `<at>…</at>` markup for mentions, HTML
// entities (&nbsp;, &amp;) and sometimes light HTML; none of that is part of the command.
import { forDisplay, hasControlCharacters } from './display';
import { ownField } from './fields';

export interface UserMention {
  teamsUserId: string;
  displayName: string;
}

export interface CleanMessage {
  /** NFKC-normalised, whitespace collapsed; each user mention is one placeholder character. */
  text: string;
  mentions: UserMention[];
}

// A user mention becomes one private-use character standing for mentions[i], so the rest of the
// parser can treat "machines for <at>Jane Doe</at>" as a verb plus a single-token argument.
// Private-use characters the sender typed are removed first, so a placeholder cannot be forged.
const PLACEHOLDER_BASE = 0xe000;
const PRIVATE_USE = /[\uE000-\uF8FF]/g;
const MAX_MENTIONS = 50;
const MAX_MENTION_MARKUP = 1000;
const MAX_TEAMS_ID = 256;
const MAX_DISPLAY_NAME = 256;

// Invisible characters that copy-paste and rich-text editors leave behind; the rest of the format
// characters (bidi overrides, joiners) are kept so that the validators can refuse them.
const HARMLESS_INVISIBLES = /[\u00AD\u200B\u2060\uFEFF]/g;
const BLOCK_TAGS = new Set(['p', 'div', 'br']);
// Attributes are bounded so that a flood of unclosed tags stays linear.
const SIMPLE_TAG = /<\/?(p|div|br|span|b|i|u|em|strong)(?:[\s/][^<>]{0,200})?>/gi;
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

type ValidMention = { markup: string; isBot: true } | { markup: string; isBot: false; user: UserMention };

export function cleanMessage(input: unknown): CleanMessage {
  const rawText = ownField(input, 'text');
  const text = typeof rawText === 'string' ? rawText : '';
  const valid = validMentions(ownField(input, 'mentions'));
  const userMentions: UserMention[] = [];

  // Split on the exact markup of each mention, longest first so that no markup is cut by a shorter one.
  let pieces: (string | ValidMention)[] = [text];
  for (const mention of [...valid].sort((a, b) => b.markup.length - a.markup.length)) {
    pieces = pieces.flatMap((piece) => (typeof piece === 'string' ? splitAround(piece, mention) : [piece]));
  }
  // One placeholder per distinct mention, however often its markup repeats.
  const placeholders = new Map<ValidMention, string>();
  const joined = pieces
    .map((piece) => {
      if (typeof piece === 'string') return cleanSegment(piece);
      if (piece.isBot) return ' ';
      let placeholder = placeholders.get(piece);
      if (placeholder === undefined) {
        placeholder = String.fromCharCode(PLACEHOLDER_BASE + userMentions.length);
        userMentions.push(piece.user);
        placeholders.set(piece, placeholder);
      }
      return ` ${placeholder} `;
    })
    .join('');
  const clean = joined.normalize('NFKC').replace(HARMLESS_INVISIBLES, '').replace(/\s+/g, ' ').trim();
  return { text: clean, mentions: userMentions };
}

/** The mention a token stands for, when the token is exactly one placeholder. */
export function mentionOf(token: string, mentions: readonly UserMention[]): UserMention | undefined {
  if (token.length !== 1) return undefined;
  return mentions[token.charCodeAt(0) - PLACEHOLDER_BASE];
}

export function containsMention(s: string): boolean {
  return /[\uE000-\uF8FF]/.test(s);
}

/** Text for echoing back: placeholders become "@Display Name". */
export function withMentionNames(s: string, mentions: readonly UserMention[]): string {
  return s.replace(PRIVATE_USE, (ch) => {
    const mention = mentions[ch.charCodeAt(0) - PLACEHOLDER_BASE];
    return mention ? `@${mention.displayName}` : '';
  });
}

function splitAround(piece: string, mention: ValidMention): (string | ValidMention)[] {
  const parts = piece.split(mention.markup);
  return parts.flatMap((part, i) => (i === 0 ? [part] : [mention, part]));
}

function cleanSegment(s: string): string {
  return decodeEntities(s.replace(SIMPLE_TAG, (_tag, name: string) => (BLOCK_TAGS.has(name.toLowerCase()) ? ' ' : ''))).replace(
    PRIVATE_USE,
    '',
  );
}

// One pass, so "&amp;lt;" becomes the literal text "&lt;" as the sender meant.
function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const isCodePoint = code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return isCodePoint ? String.fromCodePoint(code) : '\uFFFD';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function validMentions(value: unknown): ValidMention[] {
  if (!Array.isArray(value)) return [];
  const found: ValidMention[] = [];
  for (const item of value.slice(0, MAX_MENTIONS)) {
    const markup = ownField(item, 'text');
    const isBot = ownField(item, 'isBot');
    const teamsUserId = ownField(item, 'teamsUserId');
    const name = ownField(item, 'name');
    if (typeof markup !== 'string' || markup === '' || markup.length > MAX_MENTION_MARKUP || typeof isBot !== 'boolean') continue;
    if (isBot) {
      found.push({ markup, isBot });
      continue;
    }
    // The id goes on to a roster lookup; one with spaces or control characters is not a Teams id.
    if (typeof teamsUserId !== 'string' || teamsUserId === '' || teamsUserId.length > MAX_TEAMS_ID) continue;
    if (/\s/.test(teamsUserId) || hasControlCharacters(teamsUserId)) continue;
    const displayName =
      forDisplay(typeof name === 'string' ? name : '', MAX_DISPLAY_NAME) || forDisplay(markup.replace(/<\/?at>/gi, ''), MAX_DISPLAY_NAME);
    found.push({ markup, isBot, user: { teamsUserId, displayName } });
  }
  return found;
}
