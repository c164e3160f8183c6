// "isolate <machine> [selective|full] <reason>", "scan <machine> [quick|full] <reason>", "release …",
// "collect investigation package …", "restrict apps …", "unrestrict apps …". The machine comes first,
// then an optional option word, then the reason (Defender's required Comment). A missing reason is
// not an error: the confirmation card asks for it. Parsing never sends anything: the handler answers
// with a confirmation card, and only its Confirm button acts.
//
// Stricter than the look-ups on purpose: the machine must look like one (a device id, an IP, a name
// with a digit, dot or hyphen, or a labelled name: "isolate machine web …"), so "release notes" or
// "scan everything" never reach a confirmation card.
import { forDisplay, hasControlCharacters, MAX_ECHOED_ARGUMENT } from './display';
import { shapeOf } from './entities';
import { containsMention } from './message';
import { parseMachine } from './normalize';
import type { ActionOption, Command, ResponseActionKind } from './types';

/** Defender's Comment: long enough for a ticket reference and a sentence, short enough for a card. */
export const MAX_REASON = 500;

export interface ActionPhrase {
  verb: string;
  action: ResponseActionKind;
  /** Set by the phrase itself: "quick scan", "selectively isolate". */
  option?: ActionOption;
}

export const ACTION_PHRASES: readonly ActionPhrase[] = [
  { verb: 'isolate', action: 'isolate' },
  { verb: 'isolate device', action: 'isolate' },
  { verb: 'selectively isolate', action: 'isolate', option: 'selective' },
  { verb: 'release', action: 'release' },
  { verb: 'release from isolation', action: 'release' },
  { verb: 'unisolate', action: 'release' },
  { verb: 'un-isolate', action: 'release' },
  { verb: 'scan', action: 'scan' },
  { verb: 'quick scan', action: 'scan', option: 'quick' },
  { verb: 'full scan', action: 'scan', option: 'full' },
  { verb: 'av scan', action: 'scan' },
  { verb: 'antivirus scan', action: 'scan' },
  { verb: 'run antivirus scan on', action: 'scan' },
  { verb: 'run an antivirus scan on', action: 'scan' },
  { verb: 'run av scan on', action: 'scan' },
  { verb: 'collect investigation package', action: 'collect' },
  { verb: 'collect an investigation package from', action: 'collect' },
  { verb: 'collect investigation package from', action: 'collect' },
  { verb: 'collect package', action: 'collect' },
  { verb: 'restrict apps', action: 'restrict' },
  { verb: 'restrict apps on', action: 'restrict' },
  { verb: 'restrict app execution', action: 'restrict' },
  { verb: 'restrict app execution on', action: 'restrict' },
  { verb: 'restrict code execution', action: 'restrict' },
  { verb: 'unrestrict apps', action: 'unrestrict' },
  { verb: 'unrestrict apps on', action: 'unrestrict' },
  { verb: 'unrestrict app execution', action: 'unrestrict' },
  { verb: 'unrestrict app execution on', action: 'unrestrict' },
  { verb: 'remove app restriction from', action: 'unrestrict' },
];

const OPTIONS: Readonly<Record<ResponseActionKind, readonly ActionOption[]>> = {
  isolate: ['selective', 'full'],
  scan: ['quick', 'full'],
  release: [],
  collect: [],
  restrict: [],
  unrestrict: [],
};
const OPTION_WORDS: Readonly<Record<string, ActionOption>> = {
  selective: 'selective',
  selectively: 'selective',
  full: 'full',
  quick: 'quick',
};
const LABELS = new Set(['machine', 'device', 'host', 'computer', 'endpoint']);
const REASON_LEADS = new Set(['because', 'reason', 'reason:', 'comment', 'comment:', '-', '–', '—', ':', 'for', 'due', 'to']);

export function actionPhraseOf(verb: string): ActionPhrase | undefined {
  return ACTION_PHRASES.find((p) => p.verb === verb);
}

/** The words after an action verb → a responseAction command, or undefined when they are not one (then the message is read freely). */
export function parseActionArguments(phrase: ActionPhrase, rest: readonly string[], example: string): Command | undefined {
  let i = 0;
  let option = phrase.option;
  const labelled = LABELS.has((rest[0] ?? '').toLowerCase()) && rest.length > 1;
  if (labelled) i++;
  const typed = rest[i];
  if (typed === undefined) return invalid('machine', '', `say which machine, e.g. ${example}`);
  const shown = forDisplay(typed, MAX_ECHOED_ARGUMENT);
  if (containsMention(typed) || /<at>/i.test(typed))
    return invalid('machine', shown, `that is a person; say which machine, e.g. ${example}`);
  const shape = shapeOf(typed, false);
  // A plain word is English more often than a host name; a label settles it.
  if (!labelled && (shape === 'word' || shape === 'upn' || shape === 'domainUser' || shape === 'other')) return undefined;
  const machine = parseMachine(typed.replace(/[?!,]+$/, ''));
  if (!machine.ok) return invalid('machine', shown, machine.reason);
  i++;
  const word = OPTION_WORDS[(rest[i] ?? '').toLowerCase()];
  if (word !== undefined && OPTIONS[phrase.action].includes(word)) {
    option = word;
    i++;
  }
  while (i < rest.length && REASON_LEADS.has((rest[i] ?? '').toLowerCase())) i++;
  const reasonText = rest.slice(i).join(' ').trim();
  const base = {
    kind: 'responseAction' as const,
    action: phrase.action,
    machine: machine.value,
    ...(option === undefined ? {} : { option }),
  };
  if (reasonText === '') return base;
  const reason = checkReason(reasonText);
  if (!reason.ok) return invalid('reason', forDisplay(reasonText, MAX_ECHOED_ARGUMENT), reason.reason);
  return { ...base, reason: reason.value };
}

/** A reason from a message or the card's input: no control characters, whitespace collapsed, at most MAX_REASON. */
export function checkReason(raw: string): { ok: true; value: string } | { ok: false; reason: string } {
  if (hasControlCharacters(raw.replace(/[\r\n\t]/g, ' '))) return { ok: false, reason: 'a reason cannot contain control characters' };
  const value = raw.replace(/\s+/g, ' ').trim();
  if (value === '') return { ok: false, reason: 'the reason is empty' };
  if (value.length > MAX_REASON)
    return { ok: false, reason: `a reason is at most ${MAX_REASON} characters (this one has ${value.length})` };
  return { ok: true, value };
}

function invalid(part: string, input: string, reason: string): Command {
  return { kind: 'invalid', command: 'responseAction', part, input, reason };
}
