// What a command produced, before it becomes a card. The handler makes these; ../cards renders them.
import type { ActionOutcome } from '../actions/types';
import type { CommandName, Suggestion } from '../commands/types';
import type { Alert } from '../defender/alert-model';
import type { LogonUser, Machine } from '../defender/model';
import type { AlertCount, KnownAlertCounts } from './known-answers';

/** Why a sign-in is needed: none yet, the old one expired, or Entra wants an interactive step (MFA, Conditional Access). */
export type SignInNeed = 'notSignedIn' | 'assertionExpired' | 'interactionRequired';

/** A machine we may know only by id (a logon-users drill-down from a button costs no extra lookup). */
export interface MachineLabel {
  id: string;
  computerDnsName?: string | undefined;
}

/** One page of a list, cut by the handler (./paging.ts): what the card shows, and where it sits in the whole list. */
export interface ListPage<T> {
  /** This page's items, in display order. */
  items: T[];
  /** 1-based page number. */
  number: number;
  pages: number;
  /** Items in the whole list. */
  total: number;
  /** 1-based position of this page's first item in the whole list (0 when the list is empty). */
  from: number;
}

/** Which list a page belongs to: enough to ask for another page of it. */
export type ListRef =
  | { kind: 'machines'; userName: string }
  | { kind: 'logonUsers'; machine: MachineLabel }
  | { kind: 'machineAlerts'; machine: MachineLabel }
  | { kind: 'userAlerts'; userName: string };

/** Whose alerts a list shows. */
export type AlertListSubject = Extract<ListRef, { kind: 'machineAlerts' | 'userAlerts' }>;

export type ErrorOutcome =
  /** No machines, unknown user, or none visible with the asker's access: the API cannot tell these apart. */
  | { kind: 'userNotFound'; userName: string }
  /** Unknown machine, or not visible with the asker's access. `query` is what the user typed or the id clicked. */
  | { kind: 'machineNotFound'; query: string }
  /** A well-formed alert id Defender does not show this person: unknown, or in a device group their role doesn't cover. */
  | { kind: 'alertNotFound'; alertId: string }
  | { kind: 'badInput'; command: CommandName; part: string; input: string; reason: string }
  /** An @mention whose UPN the roster did not give us. */
  | { kind: 'mentionUnresolved'; displayName: string }
  /** A page past the end of `list` (it may have shrunk since the Next button was made). */
  | { kind: 'pageOutOfRange'; page: number; pages: number; list: ListRef }
  /** Defender answered 401: the token was refused. */
  | { kind: 'unauthorized'; correlationId?: string }
  /** Defender answered 403: the app or the user lacks the "View Data" role / permission. */
  | { kind: 'forbidden'; correlationId?: string }
  | { kind: 'throttled'; retryAfterSeconds?: number; correlationId?: string }
  /**
   * Not sent: this person reached their own limit, so colleagues keep theirs. `commands`: more commands
   * a minute than one person may send (`perMinute`); `defenderShare`: their share of the Defender budget.
   */
  | { kind: 'personalLimit'; limit: 'commands' | 'defenderShare'; retryAfterSeconds?: number; perMinute?: number }
  /** Unreachable, timed out, 5xx, or answered something we could not read. `retryAfterSeconds`: the bot stopped calling for now (circuit breaker open). */
  | {
      kind: 'unavailable';
      reason: 'unreachable' | 'timeout' | 'serverError' | 'invalidResponse' | 'badRequest';
      correlationId?: string;
      retryAfterSeconds?: number;
      /** `timeout` after retries: how long the bot waited in all, over how many tries. */
      waited?: { seconds: number; tries: number };
    }
  /**
   * The asker must sign in (again) before Defender can be asked for them. In Teams the wiring answers
   * this with a sign-in prompt and runs the command once they have signed in; the card is the fallback.
   */
  | { kind: 'signInRequired'; reason: string; code?: SignInNeed }
  /** Nobody granted the bot the Defender permissions (AADSTS65001): an Entra admin must consent. `reason` names the app and permissions. */
  | { kind: 'consentRequired'; reason: string; correlationId?: string }
  /** The bot's sign-in setup is wrong (SSO token audience/signature AADSTS50013, bad secret, unknown app…): an admin must fix it. */
  | { kind: 'signInMisconfigured'; reason: string; aadstsCode?: number; correlationId?: string }
  /** Microsoft Entra ID did not answer (timeout, 5xx, network): nobody has to change anything, try later. */
  | { kind: 'identityUnavailable'; correlationId?: string }
  /** Teams reported that sign-in failed (`signin/failure`), with its code, e.g. installedappnotfound, resourcematchfailed. */
  | { kind: 'signInFailed'; code: string }
  /** Sign-in cannot happen here (a Teams channel): sign in from a 1:1 chat with the bot, which `chatUrl` opens. */
  | { kind: 'signInInPersonalChat'; chatUrl: string }
  /** A bug on our side; the full error is in the log under this reference. */
  | { kind: 'internal'; referenceId: string };

/** What `about` says: read once at start-up (src/app/about.ts). */
export interface AboutInfo {
  version: string;
  mode: 'demo' | 'production';
  /** Commercial, GCC, GCCHigh or DoD. */
  cloud: string;
}

export type Outcome =
  /** `alertCounts`: the alerts of the page's machines and of the user the asker already looked up (./known-answers.ts). */
  | { kind: 'machines'; userName: string; page: ListPage<Machine>; alertCounts?: KnownAlertCounts }
  | { kind: 'logonUsers'; machine: MachineLabel; page: ListPage<LogonUser> }
  /**
   * `isolatedSince`: ISO time the device was isolated, when it is (shown where response actions are enabled).
   * `alertCount`: its alerts, when the asker already looked them up.
   */
  | { kind: 'machineDetails'; machine: Machine; isolatedSince?: string; alertCount?: AlertCount }
  /** Alerts in display order (open first, ../defender/alert-order.ts); `open`/`resolved` count the whole list. */
  | { kind: 'alerts'; subject: AlertListSubject; page: ListPage<Alert>; open: number; resolved: number }
  | { kind: 'alertDetails'; alert: Alert }
  /** A host name or IP matched several machines: "which one?" */
  | { kind: 'chooseMachine'; query: string; purpose: 'logonUsers' | 'machineDetails' | 'alerts'; candidates: Machine[] }
  | { kind: 'help' }
  /** `about` / `version`. */
  | { kind: 'about'; about: AboutInfo }
  /** `feedback <text>` was written to the audit log. */
  | { kind: 'feedbackNoted' }
  /** The bot was just added to a chat or team: what it is, whose access it uses, three things to try. */
  | { kind: 'welcome' }
  /** `sign out` answered. `hadSignIn` is false where there is no sign-in to forget (the demo). */
  | { kind: 'signedOut'; hadSignIn: boolean }
  | { kind: 'unknown'; text: string; suggestions: Suggestion[] }
  /** Response actions: confirmation card, status (updated in place), refusal, cancelled (../actions). */
  | ActionOutcome
  | { kind: 'error'; error: ErrorOutcome };
