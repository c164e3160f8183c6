// The user a command names: a name as typed, or a Teams @mention whose Defender user name comes from
// the conversation roster. Shared by every command about a user, so a mention fails the same way everywhere.
import type { UserRef } from '../commands/types';
import type { ErrorOutcome } from './outcome';

export type ResolvedUser = { ok: true; userName: string } | { ok: false; error: ErrorOutcome };

export async function resolveUserName(
  user: UserRef,
  resolveMention: (teamsUserId: string) => Promise<string | undefined>,
): Promise<ResolvedUser> {
  if (user.kind === 'userName') return { ok: true, userName: user.name };
  const resolved = await resolveMention(user.teamsUserId);
  return resolved === undefined
    ? { ok: false, error: { kind: 'mentionUnresolved', displayName: user.displayName } }
    : { ok: true, userName: resolved };
}
