// The words around the thing asked about, for free-form messages (./intent.ts). What each command is
// about ("computers", "sign-ins", "info") is declared with the command (./definitions.ts); these are
// the grammar words every command shares. Any word not listed here, and not a keyword, is taken
// for (part of) a user or machine name, so chit-chat ("is pc1 down?") keeps an unknown word and is
// not read as a lookup.
import { COMMANDS } from './definitions';
import { trimEndOf } from './filler';
import type { CommandName } from './types';

export type WordClass =
  /** Carries no meaning here: articles, politeness, imperatives, auxiliaries. */
  | 'filler'
  /** "thanks": with nothing else asked, a message that thanks is no lookup. */
  | 'pleasantry'
  /** "hello": with nothing else asked, "hello @Jane" greets Jane rather than asks about her. */
  | 'greeting'
  /** "which"/"what": a singular machine or user noun after one is what is asked for. */
  | 'question'
  | 'who'
  /** "where", "anywhere": asks for machines. */
  | 'where'
  /** Before a name, the name did something: "logons by user1". */
  | 'agent'
  /** Before a name, the name is a place: "logged on to pc1". */
  | 'place'
  /** Neutral prepositions: "for", "of". */
  | 'preposition'
  /** Singular machine nouns; right before a name they label it ("host pc1"). */
  | 'machineNoun'
  /** Singular user nouns; right before a name they label it ("user user1"). */
  | 'userNoun'
  /** Machine identifiers: "ip 10.0.0.5", "hostname pc1", "device id …". */
  | 'machineIdNoun'
  /** "named", "called": "a machine called pc1". */
  | 'named'
  /** Logging on, as a verb: after a name, the name is the one who logged on ("user1 logged on"). */
  | 'logonVerb'
  /** Using: "who uses pc1", "what does user1 use". */
  | 'use'
  /** "help", "commands": with no name, a request for help. */
  | 'help'
  | 'keyword';

const WORDS: ReadonlyArray<readonly [WordClass, readonly string[]]> = [
  [
    'filler',
    [
      'bot',
      'please',
      'pls',
      'plz',
      'kindly',
      'can',
      'could',
      'would',
      'will',
      'you',
      'u',
      'me',
      'us',
      'i',
      "i'd",
      'id',
      "i'm",
      'im',
      'need',
      'want',
      'wanna',
      'like',
      'see',
      'show',
      'list',
      'get',
      'give',
      'pull',
      'find',
      'lookup',
      'look',
      'up',
      'tell',
      'display',
      'fetch',
      'check',
      'quick',
      'quickly',
      'just',
      'also',
      'again',
      'now',
      'currently',
      'recently',
      'ever',
      'all',
      'every',
      'any',
      'the',
      'a',
      'an',
      'some',
      'this',
      'that',
      'these',
      'those',
      'my',
      'our',
      'its',
      "it's",
      'it',
      'is',
      'are',
      'was',
      'were',
      'has',
      'have',
      'had',
      'does',
      'do',
      'did',
      'been',
      'be',
      'being',
      "what's",
      'whats',
      'there',
      'and',
      'with',
      'everything',
      'anything',
      'stuff',
      'ok',
      'okay',
      'so',
      'well',
      'um',
      'uh',
      'exactly',
      'actually',
      'still',
      'let',
      'know',
      'lemme',
      'gimme',
      'search',
      'query',
      'good',
      'active',
      'recent',
      'latest',
      'last',
      'current',
      'previous',
      'past',
      'right',
      'else',
      'asap',
      'open',
      'new',
      'unresolved',
      'enumerate',
      'status',
      'level',
      'we',
      'interactive',
      'remote',
      '-',
      '–',
      '—',
      ':',
    ],
  ],
  ['pleasantry', ['thanks', 'thank', 'thx', 'ty', 'cheers', 'ta']],
  ['greeting', ['hey', 'hi', 'hello', 'yo', 'hiya', 'morning', 'evening']],
  ['question', ['which', 'what']],
  ['who', ['who', "who's", 'whos', 'whom', "who've", "who'd"]],
  ['where', ['where', "where's", 'wheres', 'anywhere', 'everywhere']],
  ['agent', ['by']],
  ['place', ['on', 'onto', 'to', 'into', 'in', 'at', 'from']],
  ['preposition', ['for', 'of', 'about', 're', 'regarding']],
  [
    'machineNoun',
    ['machine', 'device', 'computer', 'host', 'endpoint', 'box', 'workstation', 'server', 'laptop', 'desktop', 'pc', 'vm', 'asset'],
  ],
  ['userNoun', ['user', 'username', 'account', 'upn', 'login-name']],
  ['machineIdNoun', ['ip', 'ipv4', 'ipv6', 'address', 'addr', 'hostname', 'fqdn', 'name', 'deviceid', 'machineid']],
  ['named', ['named', 'called']],
  ['logonVerb', ['logged', 'log', 'logging', 'signed', 'sign', 'loggedon', 'loggedin', 'logged-on', 'logged-in']],
  [
    'use',
    [
      'use',
      'uses',
      'used',
      'using',
      'accessed',
      'access',
      'touched',
      'owned',
      'belonging',
      'belong',
      'belongs',
      'associated',
      'assigned',
      'seen',
    ],
  ],
  ['help', ['help', 'commands', 'usage', 'examples']],
];

const CLASS = new Map<string, WordClass>();
for (const [cls, words] of WORDS) for (const w of words) CLASS.set(w, cls);

const KEYWORD = new Map<string, CommandName>();
for (const def of COMMANDS) for (const w of def.keywords ?? []) KEYWORD.set(w, def.name);

/** The form of a token that is compared with the vocabulary: lowercase, no surrounding punctuation. */
export function vocabularyForm(token: string): string {
  // Loops, not /[…]+$/: that regex is quadratic on a long run of punctuation followed by a letter.
  const trimmed = trimEndOf(trimStartOf(token, '('), ',?!.:;)');
  return trimmed.toLowerCase().replace(/[’‘]/g, "'");
}

function trimStartOf(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s.charAt(start))) start++;
  return s.slice(start);
}

// "who logs onto pc1" logs on; "show the logs for pc1" asks for log files, which the bot does not have.
const LOGON_ONLY_BEFORE_A_PLACE: ReadonlySet<string> = new Set(['logs', 'signs']);

/** The class of a word; `next` is the form of the word after it. */
export function wordClass(form: string, next?: string): WordClass | undefined {
  if (KEYWORD.has(form)) return 'keyword';
  if (LOGON_ONLY_BEFORE_A_PLACE.has(form)) return CLASS.get(next ?? '') === 'place' ? 'logonVerb' : undefined;
  return CLASS.get(form);
}

/** The command a keyword points to ("computers" → machinesForUser). */
export function keywordCommand(form: string): CommandName | undefined {
  return KEYWORD.get(form);
}

/** Words that make the one candidate right after them the asker's (in English, nothing else follows them). */
export function isPossessiveMarker(form: string): boolean {
  return form === "'s" || form === "'";
}
