// What the parser makes of a message or a card click. Pure data: no SDK types.

/** Whose machines. A user name is already normalised: `user1@contoso.com` and `CONTOSO\user1` are `user1`. */
export type UserRef =
  | { kind: 'userName'; name: string }
  /** An @mention of a Teams user; the Teams wiring looks their UPN up in the roster. */
  | { kind: 'mention'; teamsUserId: string; displayName: string };

/** Which machine. Host names are lowercased; device ids are lowercased 40-hex or an id taken from a card button. */
export type MachineRef =
  | { kind: 'deviceId'; id: string /** host name to show while the id is all we have (from a button) */; label?: string }
  | { kind: 'hostName'; host: string }
  | { kind: 'ip'; ip: string; family: 4 | 6 };

export type CommandName = 'machinesForUser' | 'logonUsers' | 'machineDetails' | 'help' | 'signOut' | 'about' | 'feedback';

/** A command text the user could send instead, offered as a "did you mean" button. */
export interface Suggestion {
  text: string;
}

export type Command =
  /** page is 1-based */
  | { kind: 'machinesForUser'; user: UserRef; page: number }
  | { kind: 'logonUsers'; machine: MachineRef; page: number }
  | { kind: 'machineDetails'; machine: MachineRef }
  | { kind: 'help' }
  /** Forget the asker's sign-in (SSO token, on-behalf-of credentials, token-service token). Always about the asker. */
  | { kind: 'signOut' }
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
export type ActionValue =
  | { action: 'machinesForUser'; user: string; page?: number }
  | { action: 'logonUsers'; machineId: string; label?: string; page?: number }
  | { action: 'machineDetails'; machineId: string; label?: string }
  | { action: 'help' }
  /** Re-run a command text, e.g. a "did you mean" suggestion. */
  | { action: 'run'; text: string };
