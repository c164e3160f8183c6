// "who logged onto <machine>": one page of the accounts seen on a machine, most recent logon first.
import type { LogonUser } from '../../defender/model';
import type { MachineLabel } from '../../handlers/outcome';
import { markdownToPlain, md, plain } from '../escape';
import { count, joinDefined, when } from '../format';
import { userPortalUrl } from '../links';
import type { PageSlice } from '../paging';
import type { RenderContext } from '../types';
import { facts, submit, type FactVm, type OpenUrlVm, type SubmitVm, type View } from './common';
import { byLastSeenDesc, pagerButtons, pageLine } from './list-parts';
import { machineDisplay, machineLabel, machineName, userDisplay } from './machine-parts';

export interface LogonUserItemVm {
  heading: string;
  isDomainAdmin: boolean;
  hasFacts: boolean;
  facts: FactVm[];
  hasActions: boolean;
  /** Zero or one "Machines for this user" (none without an account name). */
  buttons: SubmitVm[];
  /** Zero or one "Open in Defender" link (the user page needs the account SID). */
  portal: OpenUrlVm[];
}

export interface LogonUsersVm {
  title: string;
  subtitle: string;
  empty: boolean;
  emptyText: string;
  users: LogonUserItemVm[];
  /** Card-level buttons: Previous/Next, or Details when the list is empty. */
  actions: SubmitVm[];
}

/** `CONTOSO\user1` (plain text); the bare name when the domain is unknown. */
export function accountText(u: LogonUser): string {
  const name = plain(u.accountName) || plain(u.id) || '(unnamed account)';
  return u.accountDomain !== undefined && plain(u.accountDomain) !== '' ? `${plain(u.accountDomain)}\\${name}` : name;
}

/** Longest account name offered as a button (UPNs are at most 113 characters, sAMAccountNames 20). */
const MAX_ACCOUNT_NAME = 256;
const MAX_LOGON_TYPES = 8;

function logonTypesText(types: readonly string[]): string | undefined {
  const kept = types.map((t) => md(t, 40)).filter((t) => t !== '');
  if (kept.length === 0) return undefined;
  const more = kept.length - MAX_LOGON_TYPES;
  return kept.slice(0, MAX_LOGON_TYPES).join(', ') + (more > 0 ? ` (+${more} more)` : '');
}

function logonUserItem(u: LogonUser, ctx: RenderContext): LogonUserItemVm {
  const url = userPortalUrl(u, ctx);
  const rows = facts([
    ['Logon types', logonTypesText(u.logonTypes)],
    ['Last seen', when(u.lastSeen, ctx.now)],
    ['First seen', when(u.firstSeen, ctx.now)],
    ['Network only', u.isOnlyNetworkUser === true ? 'Yes (network logons only)' : undefined],
    ['Logged on to', u.logOnMachinesCount === undefined ? undefined : count(u.logOnMachinesCount, 'machine')],
  ]);
  const user = plain(u.accountName);
  // The account name goes into the button whole; one longer than any real account name is not offered.
  const buttons = user === '' || u.accountName.length > MAX_ACCOUNT_NAME ? [] : [submit('Machines for this user', { action: 'machinesForUser', user: u.accountName }, `Machines for ${userDisplay(u.accountName)}`)];
  return {
    heading: `**${md(accountText(u))}**`,
    isDomainAdmin: u.isDomainAdmin === true,
    hasFacts: rows.length > 0,
    facts: rows,
    hasActions: buttons.length > 0 || url !== undefined,
    buttons,
    portal: url === undefined ? [] : [{ title: 'Open in Defender', url }],
  };
}

export function sortLogonUsers(users: readonly LogonUser[]): LogonUser[] {
  return [...users].sort(byLastSeenDesc((u) => u.lastSeen, (u) => `${u.accountDomain ?? ''}\\${u.accountName}\u0000${u.id}`));
}

/** `slice` is a page of the sorted list (see sortLogonUsers). */
export function logonUsersView(machine: MachineLabel, total: number, slice: PageSlice<LogonUser>, ctx: RenderContext): View<LogonUsersVm> {
  const name = machineName(machine);
  const empty = total === 0;
  const pager = pagerButtons(slice, (page, title) =>
    submit(
      title,
      { action: 'logonUsers', machineId: machine.id, ...machineLabel(machine), ...(page > 1 ? { page } : {}) },
      `Who logged on to ${machineDisplay(machine)}, page ${page}`,
    ),
  );
  const summary = empty
    ? `No logons recorded on ${name}`
    : `${count(total, 'account')} logged on to ${name}${slice.pages > 1 ? ` (page ${slice.page} of ${slice.pages})` : ''}`;
  const lines = slice.items.map((u) => {
    const types = logonTypesText(u.logonTypes);
    return `- ${joinDefined([accountText(u), u.isDomainAdmin === true ? 'DOMAIN ADMIN' : undefined, types && markdownToPlain(types)], ', ') ?? ''}`;
  });
  return {
    vm: {
      title: empty ? `No logons recorded on **${md(name)}**` : `${count(total, 'account')} logged on to **${md(name)}**`,
      subtitle: empty ? `Device id ${md(machine.id)}` : pageLine(slice, 'most recent logon first'),
      empty,
      emptyText: 'Defender returned no logon records for this machine. Check its details to see whether it is still reporting (last seen, health).',
      users: slice.items.map((u) => logonUserItem(u, ctx)),
      actions: empty ? [submit('Details', { action: 'machineDetails', machineId: machine.id, ...machineLabel(machine) }, `Details of ${machineDisplay(machine)}`)] : pager,
    },
    summary,
    fallbackText: [summary, ...lines].join('\n'),
  };
}
