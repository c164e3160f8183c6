// The corpus of ./corpus/: how analysts really phrase things. Prints the understood share per command
// (recorded in the README's "Commands" section); fails below 97 % of the positives, or if any
// negative becomes a Defender lookup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCommand, type Command, type Mention } from '../../src/commands';
import { NEGATIVES as FIRST_NEGATIVES } from './corpus/negatives';
import { CHOICES, POSITIVES as FIRST_POSITIVES, type Phrasing } from './corpus/positives';
import { SECOND_BATCH_NEGATIVES, SECOND_BATCH_POSITIVES } from './corpus/second-batch';
import { UNSEEN_NEGATIVES, UNSEEN_POSITIVES } from './corpus/unseen';
import { ALERT_NEGATIVES, ALERT_POSITIVES } from './corpus/alerts';
import { unsafeParts } from './safety';

const JANE: Mention = { text: '<at>Jane Doe</at>', teamsUserId: '29:jane-id', name: 'Jane Doe', isBot: false };
const REQUIRED_SHARE = 0.97;
const POSITIVES: readonly Phrasing[] = [...FIRST_POSITIVES, ...SECOND_BATCH_POSITIVES, ...ALERT_POSITIVES];
const NEGATIVES: readonly string[] = [...FIRST_NEGATIVES, ...SECOND_BATCH_NEGATIVES, ...ALERT_NEGATIVES];

function parse(text: string): Command {
  return parseCommand({ text, mentions: [JANE] });
}

/** A command in the corpus' notation ("machinesForUser user1 page 2"), so that a failure reads like the corpus. */
function described(cmd: Command): string {
  const page = (n: number) => (n > 1 ? ` page ${n}` : '');
  switch (cmd.kind) {
    case 'machinesForUser':
      return `machinesForUser ${cmd.user.kind === 'userName' ? cmd.user.name : `@${cmd.user.displayName}`}${page(cmd.page)}`;
    case 'logonUsers':
    case 'machineDetails': {
      const m = cmd.machine;
      const name = m.kind === 'deviceId' ? m.id : m.kind === 'hostName' ? m.host : m.ip;
      return cmd.kind === 'logonUsers' ? `logonUsers ${name}${page(cmd.page)}` : `machineDetails ${name}`;
    }
    case 'alerts': {
      const a = cmd.about;
      if (a.kind === 'user') return `alerts user ${a.user.kind === 'userName' ? a.user.name : `@${a.user.displayName}`}${page(cmd.page)}`;
      const m = a.machine;
      return `alerts machine ${m.kind === 'deviceId' ? m.id : m.kind === 'hostName' ? m.host : m.ip}${page(cmd.page)}`;
    }
    case 'alert':
      return `alert ${cmd.alertId}`;
    case 'unknown':
      return cmd.suggestions[0] ? `choice ${cmd.suggestions[0].text}` : 'unknown';
    case 'invalid':
      return `invalid ${cmd.command} ${cmd.part}: ${cmd.reason}`;
    case 'help':
    case 'signOut':
    case 'about':
      return cmd.kind;
    case 'responseAction': {
      const m = cmd.machine;
      const name = m.kind === 'deviceId' ? m.id : m.kind === 'hostName' ? m.host : m.ip;
      return `${cmd.action} ${name}${cmd.option === undefined ? '' : ` ${cmd.option}`}${cmd.reason === undefined ? '' : `: ${cmd.reason}`}`;
    }
    case 'actionStatus':
      return `actionStatus ${cmd.actionId}`;
    case 'confirmAction':
    case 'cancelAction':
      return cmd.kind;
    case 'feedback':
      return `feedback ${cmd.text}`;
  }
}

const DEFENDER_LOOKUPS: ReadonlySet<Command['kind']> = new Set(['machinesForUser', 'logonUsers', 'machineDetails', 'alerts', 'alert']);

interface Tally {
  group: string;
  total: number;
  right: number;
  misses: string[];
}

function tally(group: string, phrasings: readonly Phrasing[]): Tally {
  const misses: string[] = [];
  for (const [text, expected] of phrasings) {
    const actual = described(parse(text));
    if (actual !== expected) misses.push(`${JSON.stringify(text)}: expected ${expected}, got ${actual}`);
  }
  return { group, total: phrasings.length, right: phrasings.length - misses.length, misses };
}

const percent = (right: number, total: number) => `${((100 * right) / total).toFixed(1)} %`;

test(`the corpus: at least 200 positive phrasings and 50 negatives, no phrasing twice`, () => {
  assert.ok(POSITIVES.length >= 200, `${POSITIVES.length} positives`);
  assert.ok(NEGATIVES.length >= 50, `${NEGATIVES.length} negatives`);
  const texts = [...POSITIVES.map(([t]) => t), ...NEGATIVES];
  assert.deepEqual(
    texts.filter((t, i) => texts.indexOf(t) !== i),
    [],
  );
});

const GROUPS: readonly (readonly [label: string, key: string])[] = [
  ['`machines for <user>`', 'machinesForUser'],
  ['`who logged onto <machine>`', 'logonUsers'],
  ['`machine <machine>`', 'machineDetails'],
  ['`alerts on|for <machine or user>`', 'alerts'],
  ['`alert <alert id>`', 'alert'],
  ['a lone name (`pc1`): "did you mean" choice', 'choice'],
  ['`help`', 'help'],
  ['`sign out`', 'signOut'],
  ['`about` / `version`', 'about'],
  ['`feedback <text>`', 'feedback'],
];

test(`at least ${REQUIRED_SHARE * 100} % of the positive phrasings are understood as the corpus says`, () => {
  const groups = GROUPS.map(([label, key]) =>
    tally(
      label,
      POSITIVES.filter(([, expected]) => expected.split(' ')[0] === key),
    ),
  );
  assert.equal(
    groups.reduce((n, g) => n + g.total, 0),
    POSITIVES.length,
    'every phrasing is in a group',
  );
  const total = groups.reduce((n, g) => n + g.total, 0);
  const right = groups.reduce((n, g) => n + g.right, 0);
  const lines = [
    '| command | phrasings | understood |',
    '|---|---|---|',
    ...groups.map((g) => `| ${g.group} | ${g.total} | ${g.right} (${percent(g.right, g.total)}) |`),
    `| **all** | ${total} | ${right} (${percent(right, total)}) |`,
  ];
  const negatives = NEGATIVES.filter((t) => !DEFENDER_LOOKUPS.has(parse(t).kind)).length;
  lines.push('', `Negatives not turned into a Defender lookup: ${negatives} of ${NEGATIVES.length}.`);
  const misses = groups.flatMap((g) => g.misses);
  if (misses.length > 0) lines.push('', 'Not understood as the corpus says:', ...misses.map((m) => `- ${m}`));
  console.log(lines.join('\n'));
  assert.ok(right / total >= REQUIRED_SHARE, `${percent(right, total)} understood:\n${misses.join('\n')}`);
});

test('no negative phrasing becomes a Defender lookup', () => {
  const lookups = NEGATIVES.map((text) => [text, parse(text)] as const).filter(([, cmd]) => DEFENDER_LOOKUPS.has(cmd.kind));
  assert.deepEqual(
    lookups.map(([text, cmd]) => `${text} → ${described(cmd)}`),
    [],
  );
});

test('a lone name gets its "did you mean" choices, each of which parses to a lookup', () => {
  for (const [text] of CHOICES) {
    const result = parse(text);
    assert.ok(result.kind === 'unknown' && result.suggestions.length === 3, `${text} → ${JSON.stringify(result)}`);
    for (const s of result.suggestions) assert.ok(DEFENDER_LOOKUPS.has(parse(s.text).kind), `${text} suggests ${s.text}`);
  }
});

// Every positive phrasing with its name swapped for one that breaks the user and machine rules.
const NAMES_IN_CORPUS = new RegExp(
  ['user1', 'jane\\.doe@contoso\\.com', 'jane\\.doe', 'CONTOSO\\\\jdoe', 'jdoe', 'pc1\\.contoso\\.com', 'pc1', '10\\.0\\.0\\.5']
    .concat('nyc-app-0044\\.contoso\\.com')
    .join('|'),
);
// Each validator's refusal names the rule that was broken.
const SPECIFIC_REASON =
  /cannot contain|can only contain|not (a )?valid|at most|at least one|only one @|is empty|say which|@mention|a person/;
const templates = POSITIVES.map(([text]) => text).filter((t) => NAMES_IN_CORPUS.test(t));
const alnum = fc.string({ unit: fc.constantFrom(...'abcxyz019'), minLength: 1, maxLength: 6 });
const breaking = fc.constantFrom(
  ...["'", '"', '`', '%', '%2f', '/', '..', '<', '>', ';', '*', '(', ')', '=', '&amp;', '|', '#', '{', '~', '^', '&#39;', '／'],
  ...['\u0000', '\u202e', '\u0007'],
);
const invalidName = fc.tuple(alnum, breaking, alnum).map(([a, bad, b]) => `${a}${bad}${b}`);

test('property: a phrasing whose name breaks the rules is never a Defender lookup, and the reason is specific', () => {
  fc.assert(
    fc.property(fc.constantFrom(...templates), invalidName, (template, name) => {
      const text = template.replace(NAMES_IN_CORPUS, name);
      const result = parse(text);
      assert.ok(!DEFENDER_LOOKUPS.has(result.kind), `${JSON.stringify(text)} → ${JSON.stringify(result)}`);
      if (result.kind === 'invalid') assert.match(result.reason, SPECIFIC_REASON, `${JSON.stringify(text)} → ${result.reason}`);
      assert.deepEqual(unsafeParts(result), []);
    }),
    { numRuns: 2000 },
  );
});

const word = fc.oneof(
  fc.constantFrom(...POSITIVES.flatMap(([t]) => t.split(' ')), ...NEGATIVES.flatMap((t) => t.split(' '))),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

test('property: any mix of corpus words never throws, and every lookup it yields is safe to send', () => {
  fc.assert(
    fc.property(fc.array(word, { maxLength: 10 }), (words) => {
      const result = parse(words.join(' '));
      assert.deepEqual(unsafeParts(result), [], JSON.stringify(result));
    }),
    { numRuns: 2000 },
  );
});

test('report only: the unseen batch, written last and never tuned against', () => {
  const unseen = tally('unseen', UNSEEN_POSITIVES);
  const lookups = UNSEEN_NEGATIVES.filter((t) => DEFENDER_LOOKUPS.has(parse(t).kind));
  console.log(
    [
      `Unseen positives understood: ${unseen.right} of ${unseen.total} (${percent(unseen.right, unseen.total)}).`,
      `Unseen negatives read as a lookup: ${lookups.length} of ${UNSEEN_NEGATIVES.length}.`,
      ...unseen.misses.map((m) => `- ${m}`),
      ...lookups.map((t) => `- negative read as a lookup: ${JSON.stringify(t)} → ${described(parse(t))}`),
    ].join('\n'),
  );
  assert.equal(unseen.total, UNSEEN_POSITIVES.length);
});
