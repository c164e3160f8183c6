// The one declaration of what the bot understands. The parser, the help card, "did you mean" and
// the Teams manifest's command menu are all generated from this list.
import { ACTION_PHRASES } from './response-actions';
import type { CommandName } from './types';

export interface CommandDefinition {
  name: CommandName;
  /** Short menu title (Teams command menu), e.g. "machines for". */
  title: string;
  /** One line for the help card and the command menu. */
  description: string;
  /** e.g. "machines for <user>" */
  usage: string;
  /** Full texts a user can send; the first is the canonical example. */
  examples: string[];
  /** Lowercase phrasings that introduce the argument ("who logged onto" <machine>). The first is canonical. */
  verbs: string[];
  /** Words allowed after the argument, e.g. "what machines does <user> use". */
  suffixes?: string[];
  /**
   * Lowercase words that, anywhere in a free-form message, say what is asked for ("computers",
   * "sign-ins", "info"). With a user or machine in the message they pick this command (./intent.ts).
   */
  keywords?: string[];
  /** 'machine or user': decided by the verb ("alerts on" is a machine) and the name's shape (./parse.ts). */
  argument?: 'user' | 'machine' | 'machine or user' | 'alert id';
}

export const COMMANDS: readonly CommandDefinition[] = [
  {
    name: 'machinesForUser',
    title: 'machines for',
    description: 'Devices a user has used, as far as your Defender access shows them',
    usage: 'machines for <user>',
    examples: [
      'machines for user1',
      'devices for user1@contoso.com',
      'machines for CONTOSO\\user1',
      "user1's computers",
      'where has user1 logged on?',
    ],
    verbs: [
      'machines for',
      'devices for',
      'machines of',
      'devices of',
      'machines used by',
      'devices used by',
      'what machines does',
      'what devices does',
      'which machines does',
      'which devices does',
    ],
    suffixes: ['use', 'have', 'log onto', 'log on to', 'use?'],
    keywords: [
      'machines',
      'devices',
      'computers',
      'hosts',
      'endpoints',
      'boxes',
      'workstations',
      'servers',
      'laptops',
      'desktops',
      'pcs',
      'vms',
      'assets',
    ],
    argument: 'user',
  },
  {
    name: 'logonUsers',
    title: 'who logged onto',
    description: 'Accounts that logged on to a device (by host name, device id or IP)',
    usage: 'who logged onto <machine>',
    examples: [
      'who logged onto mymachine1.contoso.com',
      'logons on 10.0.0.5',
      'users on 1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
      "who's logged on to pc1?",
    ],
    verbs: [
      'who logged onto',
      'who logged on to',
      'who logged into',
      'who logged in to',
      'who logged on',
      'who has logged onto',
      'who has logged on to',
      'logons on',
      'logons for',
      'users on',
      'logon users on',
      'logon users for',
    ],
    keywords: [
      'logons',
      'logon',
      'log-ons',
      'logins',
      'login',
      'log-ins',
      'sign-ins',
      'sign-in',
      'signins',
      'signin',
      'sessions',
      'session',
      'logonusers',
      'history',
      'users',
      'accounts',
      'people',
    ],
    argument: 'machine',
  },
  {
    name: 'machineDetails',
    title: 'machine',
    description: "One device's details: health, risk, exposure, OS, IPs, group, tags",
    usage: 'machine <machine>',
    examples: ['machine mymachine1.contoso.com', 'details for 10.0.0.5', 'tell me about pc1', 'mymachine1.contoso.com'],
    verbs: ['machine', 'device', 'details for', 'details of', 'machine details for', 'device details for', 'show machine', 'show device'],
    keywords: [
      'details',
      'detail',
      'info',
      'information',
      'overview',
      'summary',
      'specs',
      'properties',
      'profile',
      'health',
      'risk',
      'exposure',
      'about',
    ],
    argument: 'machine',
  },
  {
    name: 'alerts',
    title: 'alerts',
    description: 'Alerts on a device or about a user, open first, with their incidents',
    usage: 'alerts on <machine>',
    examples: [
      'alerts on mymachine1.contoso.com',
      'alerts for user1',
      'what alerts does pc1 have',
      'any alerts on 10.0.0.5',
      'incidents for user1',
    ],
    // "alerts for" names a machine or a user: a label ("alerts for user jdoe") or the name's shape tells which (./alert-arguments.ts).
    verbs: [
      'alerts on',
      'alerts for',
      'alerts of',
      'alerts from',
      'alerts about',
      'incidents for',
      'incidents on',
      'incidents of',
      'detections on',
      'detections for',
      'what alerts does',
      'which alerts does',
      'what incidents does',
      'what alerts are on',
    ],
    suffixes: ['have', 'has', 'got', 'have?'],
    keywords: ['alerts', 'incidents', 'detections'],
    argument: 'machine or user',
  },
  {
    name: 'alert',
    title: 'alert',
    description: "One alert's details: severity, status, machine, user, MITRE techniques, incident",
    usage: 'alert <alert id>',
    examples: ['alert da638990412207749523_-1572894410', 'show alert da638990418345120931_902118346'],
    verbs: ['alert', 'alert id', 'alert details for', 'details of alert', 'details for alert', 'open alert'],
    // Singular: "the alert on pc1" names no alert, so with anything but an alert id it is no lookup (./intent.ts).
    keywords: ['alert'],
    argument: 'alert id',
  },
  {
    name: 'responseAction',
    title: 'isolate / release / scan',
    description: 'Isolate, release, scan, collect a package or restrict apps, as you, after you confirm (if your admins enabled it)',
    usage: 'isolate <machine> <reason>',
    examples: [
      'isolate pc1 suspected ransomware INC-1234',
      'isolate pc1 selective keep Teams working INC-1234',
      'release pc1 cleaned, INC-1234',
      'scan pc1 full after phishing click',
      'collect investigation package pc1 INC-1234',
      'restrict apps pc1 INC-1234',
      'unrestrict apps pc1 INC-1234',
    ],
    verbs: ACTION_PHRASES.map((p) => p.verb),
    argument: 'machine',
  },
  {
    name: 'actionStatus',
    title: 'action status',
    description: 'Where a response action stands in Defender (Pending, InProgress, Succeeded, …)',
    usage: 'action status <action id>',
    examples: ['action status 7b6b2f0c-3a5e-4f0e-9b7a-2f1d3c4e5a6b'],
    verbs: ['action status', 'status of action', 'check action'],
  },
  {
    name: 'help',
    title: 'help',
    description: 'What I can do, with examples',
    usage: 'help',
    examples: ['help'],
    verbs: ['help', '?', 'commands', 'what can you do'],
  },
  {
    name: 'signOut',
    title: 'sign out',
    description: 'Forget your sign-in here; the next lookup asks you to sign in again',
    usage: 'sign out',
    examples: ['sign out'],
    verbs: ['sign out', 'sign me out', 'signout', 'log out', 'log me out', 'logout'],
  },
  {
    name: 'about',
    title: 'about',
    description: 'Which version this is, demo or production, which Defender cloud, and whose access it uses',
    usage: 'about',
    examples: ['about', 'version'],
    verbs: ['about', 'version', 'about you', 'what version', 'which version'],
  },
  {
    name: 'feedback',
    title: 'feedback',
    description: 'Tell the people who run this bot what went wrong or what you need',
    usage: 'feedback <text>',
    examples: ['feedback the logons card is cut off on my phone', 'report a problem Details shows no IP for pc1'],
    verbs: ['feedback', 'report a problem', 'report a bug', 'report an issue', 'report problem', 'report bug'],
  },
];

export function commandDefinition(name: CommandName): CommandDefinition {
  const found = COMMANDS.find((c) => c.name === name);
  if (!found) throw new Error(`no definition for command ${name}`);
  return found;
}
