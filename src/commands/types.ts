// What the parser makes of a message or a card click. Pure data: no SDK types.
import type { ResponseActionKind } from '../defender/machine-action';

export type { ResponseActionKind };
/** isolate: selective (Outlook, Teams and Skype keep working) or full; scan: quick or full. */
export type ActionOption = 'selective' | 'full' | 'quick';

/** Whose machines. A user name is already normalised: `user1@contoso.com` and `CONTOSO\user1` are `user1`. */
export type UserRef =
  | { kind: 'userName'; name: string }
  /** An @mention of a Teams user; the Teams wiring looks their UPN up in the roster. */
  | { kind: 'mention'; teamsUserId: string; displayName: string };

/** Which machine. Host names are lowercased; device ids are lowercased 40-hex or an id taken from a card button. */
export type MachineRef =
  | {
      kind: 'deviceId';
      id: string;
      /** host name to show while the id is all we have (from a button) */
      label?: string;
      /** Set by the Teams layer when the button's seal proves the bot wrote this label; unsealed labels are never shown. */
      labelSealed?: true;
    }
  | { kind: 'hostName'; host: string }
  | { kind: 'ip'; ip: string; family: 4 | 6 };

export type CommandName =
  | 'machinesForUser'
  | 'logonUsers'
  | 'machineDetails'
  | 'alerts'
  | 'alert'
  | 'help'
  | 'signOut'
  | 'about'
  | 'feedback'
  | 'responseAction'
  | 'actionStatus';

/** Whose alerts: a machine's (`alerts on pc1`) or a person's (`alerts for user1`). */
export type AlertSubject = { kind: 'machine'; machine: MachineRef } | { kind: 'user'; user: UserRef };

/** A command text the user could send instead, offered as a "did you mean" button. */
export interface Suggestion {
  text: string;
}

export type Command =
  /** page is 1-based */
  | { kind: 'machinesForUser'; user: UserRef; page: number }
  | { kind: 'logonUsers'; machine: MachineRef; page: number }
  | { kind: 'machineDetails'; machine: MachineRef }
  | { kind: 'alerts'; about: AlertSubject; page: number }
  /** `alertId` is already checked and lower-cased (../defender/alert-id.ts). */
  | { kind: 'alert'; alertId: string }
  | { kind: 'help' }
  /** Forget the asker's sign-in (SSO token, on-behalf-of credentials, token-service token). Always about the asker. */
  | { kind: 'signOut' }
  /** Asks for a response action: answered with a confirmation card, never sent from here. `reason` may be missing: the card asks. */
  | { kind: 'responseAction'; action: ResponseActionKind; machine: MachineRef; reason?: string; option?: ActionOption }
  /** Where a Defender machine action (a GUID) stands. */
  | { kind: 'actionStatus'; actionId: string }
  /**
   * Confirm (or, four-eyes, approve) the pending request `pendingId` (only a click makes this).
   * `reason` comes from the card's input when the request had none. `tampered`: the click carried
   * fields no card of ours puts there (an edited payload): refused.
   */
  | { kind: 'confirmAction'; pendingId: string; reason?: string; tampered: boolean }
  | { kind: 'cancelAction'; pendingId: string }
  /** Version, mode, Defender cloud, whose access: what a user or an admin asks when something looks off. */
  | { kind: 'about' }
  /** Free text for whoever runs the bot; one line, control characters removed, capped (MAX_FEEDBACK). */
  | { kind: 'feedback'; text: string }
  /** The command was recognised but an argument is unusable. `part` names it (e.g. "user name"), `reason` says why. */
  | { kind: 'invalid'; command: CommandName; part: string; input: string; reason: string }
  | { kind: 'unknown'; text: string; suggestions: Suggestion[] };

/** A Teams mention entity, reduced to what the parser needs. */
export interface Mention {
  /** The exact markup in the text, e.g. `<at>Jane Doe</at>`. */
  text: string;
  teamsUserId: string;
  name: string;
  /** True for the mention of this bot, which is stripped from the text. */
  isBot: boolean;
}

export interface ParseInput {
  text: string;
  mentions?: readonly Mention[];
}

/**
 * The value of every card button (Action.Submit → messageBack `value`).
 * The client can send anything, so ./actions.ts validates it exactly like typed input.
 */
export type ActionValue = ActionBody & ClickFlags;

/**
 * How a click is answered, on any action: `inPlace` edits the card that was clicked (Next, Previous,
 * Refresh, Retry), `refresh` asks Defender rather than the answer cache, `by` is a short tag of the
 * person whose view the card shows (group chats and channels), so a click by someone else says so.
 * Like the rest of the value, anyone can forge them: they choose how the answer is delivered, never
 * what it contains or whose access it uses.
 */
export interface ClickFlags {
  inPlace?: true;
  refresh?: true;
  by?: string;
}

type ActionBody =
  | { action: 'machinesForUser'; user: string; page?: number }
  | { action: 'logonUsers'; machineId: string; label?: string; page?: number }
  | { action: 'machineDetails'; machineId: string; label?: string }
  | { action: 'machineAlerts'; machineId: string; label?: string; page?: number }
  | { action: 'userAlerts'; user: string; page?: number }
  | { action: 'alert'; alertId: string }
  | { action: 'help' }
  /** Re-run a command text, e.g. a "did you mean" suggestion. */
  | { action: 'run'; text: string }
  /** A confirmation card's buttons: only the opaque id of the pending request (and the reason input, merged in by Teams). */
  | { action: 'confirmAction'; id: string; reason?: string }
  | { action: 'cancelAction'; id: string }
  | { action: 'actionStatus'; actionId: string };
