// One card per ErrorOutcome kind: what happened, and what to do about it.
import { commandDefinition } from '../../commands/definitions';
import type { ErrorOutcome } from '../../handlers/outcome';
import { markdownToPlain, md, plain } from '../escape';
import { submit, tryExample, type OpenUrlVm, type SubmitVm, type View } from './common';
import { microsoftReference, withReference, type ErrorText } from './error-parts';
import { SIGN_IN_TEXTS } from './sign-in-errors';

export interface ErrorVm {
  title: string;
  /** "attention" for failures, "default" for answers that are merely empty or unusable input. */
  color: 'attention' | 'default';
  what: string;
  todo: string;
  hasReference: boolean;
  reference: string;
  hasButtons: boolean;
  buttons: SubmitVm[];
  /** Action.OpenUrl buttons (e.g. "Open a chat with me"). */
  links: OpenUrlVm[];
}

type Kind = ErrorOutcome['kind'];
/** `whose`: whose Defender access the answer reflects ("your", or "Alex Analyst’s" in a channel; list-parts.ts whoseAccess). */
type TextOf = { [K in Kind]: (e: Extract<ErrorOutcome, { kind: K }>, whose: string) => ErrorText };

const helpButton = (): SubmitVm => submit('Help', { action: 'help' }, 'help');

function retryWhen(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return 'in a minute';
  const s = Math.ceil(seconds);
  if (s < 90) return `in ${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return `in ${m} minutes`;
}

const UNAVAILABLE: Record<Extract<ErrorOutcome, { kind: 'unavailable' }>['reason'], { title: string; what: string; todo: string }> = {
  unreachable: {
    title: 'I couldn’t reach Defender',
    what: 'The Defender for Endpoint API did not answer: it may be down or unreachable from the bot.',
    todo: 'Try again in a few minutes. If it keeps failing, check Microsoft 365 service health or tell the bot’s admins.',
  },
  timeout: {
    title: 'Defender didn’t answer in time',
    what: 'The Defender for Endpoint API took too long to answer, so I gave up on this request.',
    todo: 'Try again in a minute or two.',
  },
  serverError: {
    title: 'Defender had a problem',
    what: 'The Defender for Endpoint API answered with a server error.',
    todo: 'Try again in a few minutes. If it persists, check Microsoft 365 service health or open a Microsoft support case with the reference below.',
  },
  invalidResponse: {
    title: 'Defender sent an answer I couldn’t read',
    what: 'The Defender for Endpoint API answered, but with something unreadable.',
    todo: 'Try again later. If it keeps happening, tell the bot’s admins — the API may have changed.',
  },
  badRequest: {
    title: 'Defender rejected the request',
    what: 'The Defender for Endpoint API refused the request as invalid (for example an IP address not seen in the last 30 days).',
    todo: 'Check what you typed and try again. If it keeps happening, tell the bot’s admins with the reference below.',
  },
};

const TEXTS: TextOf = {
  userNotFound: (e, whose) => ({
    title: `No machines found for **${md(e.userName)}**`,
    summary: `No machines found for ${plain(e.userName)}`,
    color: 'default',
    what: `Defender returned no machines. Either the user is unknown, they have no onboarded machines, or none of their machines is visible with ${whose} Defender access — Defender can’t tell these apart.`,
    todo: `Check the spelling: the bare user name (user1), the UPN (user1@contoso.com) or CONTOSO\\\\user1 all work. If you expected machines, ask your Defender admin whether ${whose === 'your' ? 'your' : 'that'} role covers their device groups.`,
  }),
  machineNotFound: (e, whose) => ({
    title: `Machine not found: **${md(e.query)}**`,
    summary: `Machine not found: ${plain(e.query)}`,
    color: 'default',
    what: `Defender has no such machine, or it is not visible with ${whose} Defender access (it is in a device group ${whose === 'your' ? 'your' : 'that'} role doesn’t cover).`,
    todo: 'Check the host name, device id or IP address. Try the full host name (pc1.contoso.com) or the 40-character device id.',
  }),
  alertNotFound: (e) => ({
    title: `Alert not found: **${md(e.alertId, 80)}**`,
    summary: `Alert not found: ${plain(e.alertId, 80)}`,
    color: 'default',
    what: 'Defender has no such alert, or it is not visible with your access (its machine is in a device group your role doesn’t cover).',
    todo: 'Check the alert id — copy it from the alert list or the Defender portal (it looks like da638990412207749523_-1572894410).',
  }),
  badInput: (e) => {
    const def = commandDefinition(e.command);
    const example = def.examples[0];
    const reason = e.reason.trim().replace(/[.!?]+$/, '');
    return {
      title: `I can’t use that ${md(e.part, 60)}`,
      summary: `I can’t use that ${plain(e.part, 60)}: ${plain(e.reason, 200)}`,
      color: 'default',
      what:
        plain(e.input) === ''
          ? `The ${md(e.part, 60)} is missing: ${md(reason, 300)}.`
          : `The ${md(e.part, 60)} “${md(e.input, 120)}” doesn’t work: ${md(reason, 300)}.`,
      todo: `Use **${md(def.usage)}**${example !== undefined ? `, for example: ${md(example)}` : ''}.`,
      buttons: [...(example !== undefined ? [tryExample(example)] : []), helpButton()],
    };
  },
  mentionUnresolved: (e) => ({
    title: `I couldn’t tell who **${md(e.displayName, 80)}** is`,
    summary: `I couldn’t tell who ${plain(e.displayName, 80)} is`,
    color: 'default',
    what: 'Teams didn’t give me the account (UPN) of the person you mentioned, so I can’t look them up in Defender.',
    todo: 'Type their user name instead, for example: machines for user1 or machines for user1@contoso.com.',
  }),
  pageOutOfRange: (e) => {
    const pages = Number.isFinite(e.pages) ? Math.max(0, Math.floor(e.pages)) : 0;
    const page = Number.isFinite(e.page) ? String(e.page) : '?';
    return {
      title: `There is no page ${md(page, 20)}`,
      summary: `There is no page ${plain(page, 20)}`,
      color: 'default',
      what:
        pages <= 1
          ? 'That list fits on one page (it may have changed since you asked).'
          : `That list has ${pages} pages (it may have changed since you asked).`,
      todo:
        pages <= 1
          ? 'Run the command again without a page number.'
          : `Ask for a page from 1 to ${pages}, or run the command again without a page number.`,
    };
  },
  unauthorized: (e) => ({
    title: 'Defender didn’t accept your sign-in',
    summary: 'Defender didn’t accept your sign-in',
    color: 'attention',
    what: 'Defender refused the token I got on your behalf (401): your sign-in may have expired or been revoked.',
    todo: 'Sign in again: repeat your command and accept the sign-in prompt. On mobile, if no prompt appears, sign out of Teams and back in.',
    ...withReference(microsoftReference(e.correlationId)),
  }),
  forbidden: (e) => ({
    title: 'You don’t have access to this in Defender',
    summary: 'You don’t have access to this in Defender',
    color: 'attention',
    what: 'Defender refused the request (403): your account lacks the Defender “View Data” permission (or the bot lacks its API permission).',
    todo: 'Ask your Defender admin for a Defender role with “View Data” (Security data basics: read) that covers these device groups.',
    ...withReference(microsoftReference(e.correlationId)),
  }),
  throttled: (e) => ({
    title: 'Defender is rate-limiting requests',
    summary: `Defender is busy: try again ${retryWhen(e.retryAfterSeconds)}`,
    color: 'attention',
    what: 'Too many requests: every analyst using this bot shares one Defender API budget (about 100 calls a minute).',
    todo: `Try again ${retryWhen(e.retryAfterSeconds)}.`,
    ...withReference(microsoftReference(e.correlationId)),
  }),
  personalLimit: (e) =>
    e.limit === 'commands'
      ? {
          title: 'You’re sending commands faster than I take them',
          summary: `Too many commands: try again ${retryWhen(e.retryAfterSeconds)}`,
          color: 'attention',
          what: `Each analyst may send ${e.perMinute === undefined ? 'only a few' : `up to ${e.perMinute}`} Defender commands a minute, so one person cannot use up the Defender budget everyone shares. Your colleagues are not affected.`,
          todo: `Try again ${retryWhen(e.retryAfterSeconds)}.`,
        }
      : {
          title: 'You’ve used your share of Defender for now',
          summary: `Your Defender share is used: try again ${retryWhen(e.retryAfterSeconds)}`,
          color: 'attention',
          what: 'Every analyst using this bot shares one Defender API budget, and each person may use only part of it per minute and per hour. You have used yours; your colleagues are not affected.',
          todo: `Try again ${retryWhen(e.retryAfterSeconds)}. Answers you already have stay valid; narrower questions need fewer calls.`,
        },
  unavailable: (e) => {
    // A retry time means the bot's circuit breaker is open: Defender failed repeatedly and the bot
    // fails fast instead of making each analyst wait for the same timeout.
    if (e.retryAfterSeconds !== undefined) {
      return {
        title: 'Defender is not answering',
        summary: `Defender is not answering: retry ${retryWhen(e.retryAfterSeconds)}`,
        color: 'attention',
        what: 'The Defender for Endpoint API failed several times in a row, so the bot is pausing its calls for a moment rather than making you wait for another timeout.',
        todo: `Retry ${retryWhen(e.retryAfterSeconds)}. If it keeps failing, check Microsoft 365 service health or tell the bot’s admins.`,
        ...withReference(microsoftReference(e.correlationId)),
      };
    }
    const t = UNAVAILABLE[e.reason];
    // Several tries, each allowed longer than the last: say how long the bot waited in all.
    const what =
      e.waited === undefined
        ? t.what
        : `The Defender for Endpoint API did not answer within ${e.waited.seconds} s in all (${e.waited.tries} tries, each allowed longer than the one before), so I stopped waiting.`;
    return { ...t, what, summary: t.title, color: 'attention', ...withReference(microsoftReference(e.correlationId)) };
  },
  ...SIGN_IN_TEXTS,
  internal: (e) => ({
    title: 'Something went wrong on our side',
    summary: `Something went wrong on our side (reference ${plain(e.referenceId, 80)})`,
    color: 'attention',
    what: 'This is a bug in the bot, not a problem with your request or with Defender.',
    todo: `Try again. If it keeps happening, tell the bot’s admins and quote reference **${md(e.referenceId, 80)}**.`,
    reference: `Reference: ${md(e.referenceId, 80)}`,
  }),
};

function textOf<K extends Kind>(error: Extract<ErrorOutcome, { kind: K }>, whose: string): ErrorText {
  const make = TEXTS[error.kind] as (e: Extract<ErrorOutcome, { kind: K }>, whose: string) => ErrorText;
  return make(error, whose);
}

/** `extraButtons` lets a caller that knows the command offer a way out (e.g. "Go to page 3"). */
export function errorView(error: ErrorOutcome, extraButtons: readonly SubmitVm[] = [], whose = 'your'): View<ErrorVm> {
  const t = textOf(error, whose);
  const buttons = [...extraButtons, ...(t.buttons ?? [])];
  return {
    vm: {
      title: t.title,
      color: t.color,
      what: t.what,
      todo: t.todo,
      hasReference: t.reference !== undefined,
      reference: t.reference ?? '',
      hasButtons: buttons.length > 0,
      buttons,
      links: t.links ?? [],
    },
    summary: t.summary,
    fallbackText: [t.summary, ...[t.what, t.todo, ...(t.reference !== undefined ? [t.reference] : [])].map(markdownToPlain)].join('\n'),
  };
}
