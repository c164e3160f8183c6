// Microsoft Defender portal deep links. Microsoft documents only the alert and incident links; the device
// (/machines/v2/{id}/overview) and user (/user?sid=…) formats are community-known, so they may change.
import type { LogonUser } from '../defender/model';
import type { RenderContext } from './types';

function base(ctx: RenderContext): string {
  return ctx.portalBaseUrl.replace(/\/+$/, '');
}

function query(params: ReadonlyArray<readonly [string, string | undefined]>): string {
  const parts = params.filter((p): p is readonly [string, string] => p[1] !== undefined && p[1] !== '').map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** `${portal}/machines/v2/{id}/overview?tid=…` */
export function machinePortalUrl(machineId: string, ctx: RenderContext): string {
  return `${base(ctx)}/machines/v2/${encodeURIComponent(machineId)}/overview${query([['tid', ctx.tenantId]])}`;
}

/** Longer than any real SID, account name or domain: no link rather than a giant URL. */
const MAX_PARAM = 256;

/** `${portal}/user?sid=…&accountName=…&accountDomain=…&tid=…`; undefined without a SID (the page needs it). */
export function userPortalUrl(user: LogonUser, ctx: RenderContext): string | undefined {
  if (user.accountSid === undefined || user.accountSid === '') return undefined;
  if ([user.accountSid, user.accountName, user.accountDomain ?? ''].some((p) => p.length > MAX_PARAM)) return undefined;
  return `${base(ctx)}/user${query([
    ['sid', user.accountSid],
    ['accountName', user.accountName],
    ['accountDomain', user.accountDomain],
    ['tid', ctx.tenantId],
  ])}`;
}
