// What a command produced, before it becomes a card. The handler makes these; ../cards renders them.
import type { CommandName, Suggestion } from '../commands/types';
import type { LogonUser, Machine } from '../defender/model';

/** A machine we may know only by id (a logon-users drill-down from a button costs no extra lookup). */
export interface MachineLabel {
  id: string;
  computerDnsName?: string;
}

export type ErrorOutcome =
  /** No machines, unknown user, or none visible with the asker's access: the API cannot tell these apart. */
  | { kind: 'userNotFound'; userName: string }
  /** Unknown machine, or not visible with the asker's access. `query` is what the user typed or the id clicked. */
  | { kind: 'machineNotFound'; query: string }
  | { kind: 'badInput'; command: CommandName; part: string; input: string; reason: string }
  /** An @mention whose UPN the roster did not give us. */
  | { kind: 'mentionUnresolved'; displayName: string }
  | { kind: 'pageOutOfRange'; page: number; pages: number }
  /** Defender answered 401: the token was refused. */
  | { kind: 'unauthorized'; correlationId?: string }
  /** Defender answered 403: the app or the user lacks the "View Data" role / permission. */
  | { kind: 'forbidden'; correlationId?: string }
  | { kind: 'throttled'; retryAfterSeconds?: number; correlationId?: string }
  /** Unreachable, timed out, 5xx, or answered something we could not read. */
  | { kind: 'unavailable'; reason: 'unreachable' | 'timeout' | 'serverError' | 'invalidResponse' | 'badRequest'; correlationId?: string }
  | { kind: 'signInRequired'; reason: string }
  /** A bug on our side; the full error is in the log under this reference. */
  | { kind: 'internal'; referenceId: string };

export type Outcome =
  | { kind: 'machines'; userName: string; machines: Machine[]; page: number }
  | { kind: 'logonUsers'; machine: MachineLabel; users: LogonUser[]; page: number }
  | { kind: 'machineDetails'; machine: Machine }
  /** A host name or IP matched several machines: "which one?" */
  | { kind: 'chooseMachine'; query: string; purpose: 'logonUsers' | 'machineDetails'; candidates: Machine[] }
  | { kind: 'help' }
  | { kind: 'unknown'; text: string; suggestions: Suggestion[] }
  | { kind: 'error'; error: ErrorOutcome };
