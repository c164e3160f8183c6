// What a name is, from its shape alone. A device id, an IP address or a fully qualified host name
// can only be a machine; a UPN, DOMAIN\user or an @mention can only be a person. A single word such
// as `pc1` or `user1` could be either, and the words around it decide (./intent.ts).
import { normalizeUserName, parseMachine } from './normalize';
import { isDeviceId } from '../shared/ids';
import { isAlertId } from '../defender/alert-id';

export type Shape =
  | 'mention'
  /** A Defender alert id: da638990412207749523_-1572894410 (../defender/alert-id.ts). */
  | 'alertId'
  | 'deviceId'
  | 'ip'
  | 'fqdn'
  | 'upn'
  | 'domainUser'
  /** One word with a digit, dot, hyphen, underscore or $ besides letters: pc1, user1, nyc-app-0044, jane.doe. */
  | 'nameLike'
  /** Letters only: jdoe, web — or any English word, so it counts as a name only when the words around say so. */
  | 'word'
  /** Passes neither the user nor the machine rules, or has no letter at all. */
  | 'other';

export type Role = 'user' | 'machine';

const LETTERS_ONLY = /^\p{L}+$/u;
const HAS_LETTER = /\p{L}/u;

// Last labels that make a two-label name a host rather than "first.last". Longer names always are.
const HOST_SUFFIXES: ReadonlySet<string> = new Set([
  'com',
  'net',
  'org',
  'local',
  'lan',
  'corp',
  'internal',
  'intra',
  'intranet',
  'ad',
  'int',
  'home',
  'localdomain',
  'domain',
  'priv',
  'private',
  'cloud',
  'io',
  'edu',
  'gov',
  'mil',
  'us',
  'uk',
  'de',
  'fr',
  'nl',
  'ca',
  'au',
  'eu',
  'co',
  'ch',
  'at',
  'be',
  'se',
  'no',
]);

export function shapeOf(typed: string, isMention: boolean): Shape {
  if (isMention) return 'mention';
  if (isDeviceId(typed)) return 'deviceId';
  if (isAlertId(typed)) return 'alertId';
  const machine = parseMachine(typed);
  if (machine.ok && machine.value.kind === 'ip') return 'ip';
  const user = normalizeUserName(typed);
  if (user.ok && typed.includes('@')) return 'upn';
  if (user.ok && typed.includes('\\')) return 'domainUser';
  if (machine.ok && machine.value.kind === 'hostName' && isQualifiedHost(machine.value.host)) return 'fqdn';
  if (LETTERS_ONLY.test(typed)) return 'word';
  if ((machine.ok || user.ok) && HAS_LETTER.test(typed)) return 'nameLike';
  return 'other';
}

/** The role a shape leaves no doubt about. */
export function roleOfShape(shape: Shape): Role | undefined {
  switch (shape) {
    case 'deviceId':
    case 'ip':
    case 'fqdn':
      return 'machine';
    case 'mention':
    case 'upn':
    case 'domainUser':
      return 'user';
    default:
      return undefined;
  }
}

function isQualifiedHost(host: string): boolean {
  const labels = host.split('.');
  const last = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !/^[a-z]{2,}$/.test(last)) return false;
  return labels.length >= 3 || HOST_SUFFIXES.has(last);
}

// Naming conventions of Windows fleets: PC-…, WS…, LT…, SRV…, DC01, DESKTOP-7H2K9Q, nyc-app-0044.
const HOST_PREFIXES = [
  'pc',
  'ws',
  'wks',
  'wk',
  'lt',
  'nb',
  'dt',
  'srv',
  'svr',
  'sv',
  'dc',
  'vm',
  'desktop',
  'laptop',
  'server',
  'host',
  'win',
  'mac',
  'sql',
  'web',
  'app',
  'db',
  'fs',
  'exch',
  'mail',
  'rdp',
  'ts',
  'ctx',
];
const HOST_PREFIX = new RegExp(`^(?:${HOST_PREFIXES.join('|')})[-_]?\\d`, 'i');

/** For a word that could be either: whether it reads more like a machine than a person. */
export function looksLikeHost(name: string): boolean {
  return HOST_PREFIX.test(name) || (name.includes('-') && /\d/.test(name));
}
