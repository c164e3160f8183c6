import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOutcome } from '../../src/cards';
import type { ErrorOutcome } from '../../src/handlers/outcome';
import { submitButtons, textBlocks } from './card-walk';
import { ctx, ERROR_FIXTURES } from './fixtures';

function render(error: ErrorOutcome) {
  return renderOutcome({ kind: 'error', error }, ctx());
}

function text(error: ErrorOutcome): string {
  return textBlocks(render(error).card).join('\n');
}

test('every error card says what happened and what to do', () => {
  for (const error of Object.values(ERROR_FIXTURES).flat()) {
    const texts = textBlocks(render(error).card);
    assert.ok(texts.length >= 3, error.kind);
    assert.ok(
      texts.some((t) => t.startsWith('**What to do:** ') && t.length > '**What to do:** '.length + 10),
      `${error.kind} says what to do`,
    );
  }
});

// What each kind must get across, in the user's terms.
const MUST_SAY: Array<[ErrorOutcome, RegExp[]]> = [
  [
    { kind: 'userNotFound', userName: 'user1' },
    [/No machines found for \*\*user1\*\*/, /unknown/, /no onboarded machines/, /visible with your Defender access/],
  ],
  [{ kind: 'machineNotFound', query: 'pc404' }, [/Machine not found: \*\*pc404\*\*/, /not visible with your Defender access/]],
  [
    { kind: 'badInput', command: 'logonUsers', part: 'machine', input: '999.1.1.1', reason: 'that is not a valid IP address' },
    [/machine “999\.1\.1\.1” doesn’t work: that is not a valid IP address/, /who logged onto \\<machine\\>/],
  ],
  [{ kind: 'mentionUnresolved', displayName: 'Jane Doe' }, [/Jane Doe/, /Type their user name instead/]],
  [{ kind: 'pageOutOfRange', page: 5, pages: 3, list: { kind: 'machines', userName: 'user1' } }, [/no page 5/, /from 1 to 3/]],
  [{ kind: 'unauthorized' }, [/Sign in again/]],
  [{ kind: 'forbidden' }, [/“View Data”/, /Ask your Defender admin/]],
  [{ kind: 'throttled', retryAfterSeconds: 30 }, [/Try again in 30 seconds/]],
  [{ kind: 'throttled', retryAfterSeconds: 300 }, [/Try again in 5 minutes/]],
  [{ kind: 'throttled' }, [/Try again in a minute/]],
  [{ kind: 'unavailable', reason: 'unreachable' }, [/couldn’t reach Defender/, /Try again/]],
  [{ kind: 'unavailable', reason: 'timeout' }, [/didn’t answer in time/]],
  [{ kind: 'unavailable', reason: 'serverError' }, [/server error/]],
  [{ kind: 'unavailable', reason: 'invalidResponse' }, [/couldn’t read/, /Try again later/]],
  [{ kind: 'unavailable', reason: 'badRequest' }, [/rejected the request/]],
  [
    { kind: 'unavailable', reason: 'unreachable', retryAfterSeconds: 25 },
    [/Defender is not answering/, /pausing its calls/, /Retry in 25 seconds\./],
  ],
  [
    { kind: 'signInRequired', reason: 'Sign-in is not available in channels.' },
    [/Please sign in/, /not available in channels/, /1:1 chat/],
  ],
  [{ kind: 'internal', referenceId: 'req-7f3a9c' }, [/went wrong on our side/, /quote reference \*\*req-7f3a9c\*\*/]],
  [
    { kind: 'signInRequired', reason: 'your sign-in has expired.', code: 'assertionExpired' },
    [/Your sign-in has expired/, /run your command as soon as you have signed in/],
  ],
  [
    {
      kind: 'consentRequired',
      reason:
        'An Entra administrator must grant admin consent to the bot’s app (app-1) for the Defender permissions Machine.Read and User.Read.All.',
    },
    [
      /administrator must approve/,
      /Grant admin consent/,
      /Machine\.Read and User\.Read\.All/,
      /app-1/,
      /Global Administrator or Cloud Application Administrator/,
    ],
  ],
  [
    { kind: 'signInMisconfigured', reason: 'the sign-in setup is wrong.', aadstsCode: 50013 },
    [/set up wrong/, /AADSTS50013/, /tell the bot’s admins/, /Entra error: AADSTS50013/],
  ],
  [
    { kind: 'identityUnavailable', correlationId: 'corr-9' },
    [/isn’t answering/, /Try again in a minute/, /Reference for Microsoft support: corr-9/],
  ],
  [{ kind: 'signInFailed', code: 'installedappnotfound' }, [/isn’t installed/, /Reinstall the app/]],
  [{ kind: 'signInFailed', code: 'resourcematchfailed' }, [/webApplicationInfo/, /api:\/\/botid-/, /tell the bot’s admins/i]],
  [
    { kind: 'signInFailed', code: 'tokenmissing' },
    [/couldn’t sign you in/, /contact the bot’s admins/, /Sign-in failure code: tokenmissing/],
  ],
  [
    { kind: 'signInInPersonalChat', chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:x' },
    [/1:1 chat/, /can’t sign you in inside a channel/],
  ],
];

test('the 1:1-chat sign-in card has a button that opens the chat', () => {
  const card = render({ kind: 'signInInPersonalChat', chatUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:x' }).card;
  assert.deepEqual(card.actions, [
    { type: 'Action.OpenUrl', title: 'Open a chat with me', url: 'https://teams.microsoft.com/l/chat/0/0?users=28:x' },
  ]);
});

test('sign out answers with what was forgotten; the demo has nothing to sign out of', () => {
  const signedOut = textBlocks(renderOutcome({ kind: 'signedOut', hadSignIn: true }, ctx()).card).join('\n');
  assert.match(signedOut, /You’re signed out/);
  assert.match(signedOut, /next lookup signs you in again/);
  assert.match(
    textBlocks(renderOutcome({ kind: 'signedOut', hadSignIn: false }, ctx({ demo: true })).card).join('\n'),
    /nothing to sign out of/,
  );
});

for (const [error, patterns] of MUST_SAY) {
  test(`error ${error.kind}${'reason' in error ? ` (${error.reason || 'no reason'})` : ''}: ${patterns.map(String).join(', ')}`, () => {
    const all = text(error);
    for (const p of patterns) assert.match(all, p);
  });
}

test('errors: the Defender correlation id is shown as a reference for Microsoft support, only when present', () => {
  for (const error of [
    { kind: 'unauthorized', correlationId: 'corr-1' },
    { kind: 'forbidden', correlationId: 'corr-1' },
    { kind: 'throttled', correlationId: 'corr-1' },
    { kind: 'unavailable', reason: 'serverError', correlationId: 'corr-1' },
  ] satisfies ErrorOutcome[]) {
    assert.ok(textBlocks(render(error).card).includes('Reference for Microsoft support: corr-1'), error.kind);
    assert.match(render(error).fallbackText, /Reference for Microsoft support: corr-1/);
  }
  assert.doesNotMatch(text({ kind: 'forbidden' }), /Reference/);
});

test('errors: the summary is short plain text for the notification', () => {
  assert.equal(render({ kind: 'userNotFound', userName: 'user1' }).summary, 'No machines found for user1');
  assert.equal(render({ kind: 'throttled', retryAfterSeconds: 30 }).summary, 'Defender is busy: try again in 30 seconds');
  assert.equal(render({ kind: 'internal', referenceId: 'req-1' }).summary, 'Something went wrong on our side (reference req-1)');
});

test('errors: bad input offers the command example and Help', () => {
  const buttons = submitButtons(
    render({ kind: 'badInput', command: 'machinesForUser', part: 'user name', input: '', reason: 'it is empty' }).card,
  );
  assert.deepEqual(
    buttons.map((b) => b.value),
    [{ action: 'run', text: 'machines for user1' }, { action: 'help' }],
  );
});

test('errors: data echoed into an error card is escaped', () => {
  assert.match(text({ kind: 'machineNotFound', query: '[x](http://evil)' }), /\\\[x\\\]\\\(http\\:\/\/evil\\\)/);
  assert.match(text({ kind: 'userNotFound', userName: '<at>boss</at>' }), /\\<at\\>boss\\<\/at\\>/);
});

test('errors: bad input with nothing typed says the part is missing', () => {
  assert.match(
    text({ kind: 'badInput', command: 'machinesForUser', part: 'user name', input: ' ', reason: 'a user name is needed.' }),
    /The user name is missing: a user name is needed\.$/m,
  );
});
