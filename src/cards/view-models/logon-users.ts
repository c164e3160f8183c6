// "who logged onto <machine>": one page of the accounts seen on a machine, most recent logon first (the
// handler's order). A compact row per account: the account, "Domain admin" in the attention colour,
// last logon · logon types · how many machines, and one "Machines" button (that user's machines).
import type { ActionValue } from '../../commands/types';
import type { LogonUser } from '../../defender/model';
import type { ListPage, MachineLabel } from '../../handlers/outcome';
import { LOGON_USERS_ORDER } from '../../handlers/list-order';
import { markdownToPlain, md, plain } from '../escape';
import { count, joinDefined, parseIsoDate, relativeTime } from '../format';
import { enumLabel } from '../labels';
import type { RenderContext } from '../types';
import { submit, type SubmitVm, type View } from './common';
import { listRefreshButton, pagerButtons, pageLine, whoseAccess } from './list-parts';
import { machineDisplay, machineLabel, machineName, userDisplay } from './machine-parts';

export interface LogonUserRowVm {
  /** Markdown: the account in bold. */
  name: string;
  isDomainAdmin: boolean;
  /** Markdown: "last logon 1 h ago · Interactive, Network · 3 machines". */
  meta: string;
  hasButtons: boolean;
  /** Zero or one "Machines" button (none without a usable account name). */
  buttons: SubmitVm[];
}

export interface LogonUsersVm {
  title: string;
  subtitle: string;
  empty: boolean;
  emptyText: string;
  users: LogonUserRowVm[];
  /** Card-level buttons: Previous/Next, or Details when the list is empty. */
  actions: SubmitVm[];
}

/** `CONTOSO\user1` (plain text); the bare name when the domain is unknown. */
export function accountText(u: LogonUser): string {
  const name = plain(u.accountName) || plain(u.id) || '(unnamed account)';
  return u.accountDomain !== undefined && plain(u.accountDomain) !== '' ? `${plain(u.accountDomain)}\\${name}` : name;
}

/** The most of an account (DOMAIN\\name) and of a machine name a row or title shows; the button keeps the whole name. */
const ROW_MAX = { account: 80, machine: 90, logonType: 30 } as const;
/** Longest account name offered as a button (UPNs are at most 113 characters, sAMAccountNames 20). */
const MAX_ACCOUNT_NAME = 256;
const MAX_LOGON_TYPES = 5;

/** "Interactive, Remote interactive (+2 more)", markdown. */
function logonTypesText(types: readonly string[]): string | undefined {
  const kept = types.filter((t) => plain(t) !== '').map((t) => md(enumLabel(t), ROW_MAX.logonType));
  if (kept.length === 0) return undefined;
  const more = kept.length - MAX_LOGON_TYPES;
  return kept.slice(0, MAX_LOGON_TYPES).join(', ') + (more > 0 ? ` (+${more} more)` : '');
}

function userRow(u: LogonUser, ctx: RenderContext): LogonUserRowVm {
  const seen = parseIsoDate(u.lastSeen);
  const meta = joinDefined(
    [
      seen && `last logon ${relativeTime(seen, ctx.now)}`,
      logonTypesText(u.logonTypes),
      u.isOnlyNetworkUser === true ? 'network logons only' : undefined,
      Number.isFinite(u.logOnMachinesCount) ? `on ${count(u.logOnMachinesCount ?? 0, 'machine')}` : undefined,
    ],
    ' · ',
  );
  const user = plain(u.accountName);
  // The account name goes into the button whole; one longer than any real account name is not offered.
  const buttons =
    user === '' || u.accountName.length > MAX_ACCOUNT_NAME
      ? []
      : [submit('Machines', { action: 'machinesForUser', user: u.accountName }, `Machines for ${userDisplay(u.accountName)}`)];
  return {
    name: `**${md(accountText(u), ROW_MAX.account)}**`,
    isDomainAdmin: u.isDomainAdmin === true,
    meta: meta ?? 'No logon details',
    hasButtons: buttons.length > 0,
    buttons,
  };
}

/** `page` is what the handler cut (sorted). */
export function logonUsersView(machine: MachineLabel, page: ListPage<LogonUser>, ctx: RenderContext): View<LogonUsersVm> {
  const name = machineName(machine);
  const empty = page.total === 0;
  const pager = pagerButtons({ kind: 'logonUsers', machine }, page);
  const summary = empty
    ? `No logons recorded on ${name}`
    : `${count(page.total, 'account')} logged on to ${name}${page.pages > 1 ? ` (page ${page.number} of ${page.pages})` : ''}`;
  const rows = page.items.map((u) => userRow(u, ctx));
  const lines = page.items.map((u, i) => {
    const parts = [accountText(u), u.isDomainAdmin === true ? 'DOMAIN ADMIN' : undefined, markdownToPlain(rows[i]?.meta ?? '')];
    return `- ${joinDefined(parts, ', ') ?? ''}`;
  });
  const what = empty ? 'No logons recorded on' : `${count(page.total, 'account')} logged on to`;
  const detailsValue: ActionValue = { action: 'machineDetails', machineId: machine.id, ...machineLabel(machine) };
  const details = submit('Details', detailsValue, `Details of ${machineDisplay(machine)}`);
  return {
    vm: {
      title: `${what} **${md(name, ROW_MAX.machine)}** — as ${whoseAccess(ctx)} Defender access shows them`,
      subtitle: empty ? `Device id ${md(machine.id)}` : pageLine(page, LOGON_USERS_ORDER),
      empty,
      emptyText:
        'Defender returned no logon records for this machine. Check its details to see whether it is still reporting (last seen, health).',
      users: rows,
      actions: empty ? [details] : pager,
    },
    summary,
    fallbackText: [summary, ...lines].join('\n'),
    refresh: listRefreshButton({ kind: 'logonUsers', machine }, page.number),
  };
}
