// Response actions are off unless configured: RESPONSE_ACTIONS names the ones allowed (or `all`),
// RESPONSE_ACTIONS_APPROVAL adds four-eyes, RESPONSE_ACTION_CONFIRM_MINUTES bounds how long a
// confirmation stays open, RESPONSE_ACTION_POLL_MS how soon the bot first asks Defender how it went,
// RESPONSE_ACTION_RESUME_SCAN_MS how often each replica looks for follow-ups a stopped replica left.
// The demo on its own simulated tenant turns them all on; production never does by itself.
import type { ApprovalMode, ResponseActionSettings } from '../actions/types';
import type { ResponseActionKind } from '../defender/machine-action';

type Get = (key: string) => string | undefined;

const NAMES: Readonly<Record<string, readonly ResponseActionKind[]>> = {
  isolate: ['isolate'],
  release: ['release'],
  scan: ['scan'],
  collect: ['collect'],
  // Whoever may restrict apps may lift the restriction.
  restrict: ['restrict', 'unrestrict'],
};
const ALL: readonly ResponseActionKind[] = ['isolate', 'release', 'scan', 'collect', 'restrict', 'unrestrict'];

export function responseActionsFromEnv(get: Get, problems: string[], defaultAll: boolean): ResponseActionSettings {
  const raw = get('RESPONSE_ACTIONS') ?? (defaultAll ? 'all' : 'none');
  const enabled = new Set<ResponseActionKind>();
  const words = raw
    .toLowerCase()
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
  for (const word of words) {
    if (word === 'all') for (const a of ALL) enabled.add(a);
    else if (word === 'none') continue;
    else if (NAMES[word] !== undefined) for (const a of NAMES[word]) enabled.add(a);
    else
      problems.push(
        `RESPONSE_ACTIONS="${raw}": "${word}" is not a response action; use a comma list of isolate, release, scan, collect, restrict, or all, or none.`,
      );
  }

  const approvalRaw = (get('RESPONSE_ACTIONS_APPROVAL') ?? 'none').toLowerCase();
  const approval = (['none', 'second-analyst'] as const).find((a) => a === approvalRaw);
  if (approval === undefined) problems.push(`RESPONSE_ACTIONS_APPROVAL="${approvalRaw}" must be none or second-analyst.`);

  const minutes = wholeNumber(get('RESPONSE_ACTION_CONFIRM_MINUTES') ?? '10', 'RESPONSE_ACTION_CONFIRM_MINUTES', 1, 60, problems);
  const pollMs = wholeNumber(get('RESPONSE_ACTION_POLL_MS') ?? '5000', 'RESPONSE_ACTION_POLL_MS', 100, 60_000, problems);
  const scanMs = wholeNumber(get('RESPONSE_ACTION_RESUME_SCAN_MS') ?? '15000', 'RESPONSE_ACTION_RESUME_SCAN_MS', 100, 300_000, problems);
  return {
    enabled,
    approval: (approval ?? 'none') as ApprovalMode,
    confirmMinutes: minutes,
    followUp: {
      firstDelayMs: pollMs,
      maxDelayMs: Math.max(pollMs, 60_000),
      maxDurationMs: 15 * 60_000,
      resumeScanMs: scanMs,
      // A poll is a token, one Defender call (with its retries) and a card edit: well under two minutes.
      leaseMs: 120_000,
    },
  };
}

function wholeNumber(raw: string, key: string, min: number, max: number, problems: string[]): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${key}="${raw}" must be a whole number from ${min} to ${max}.`);
    return min;
  }
  return n;
}
