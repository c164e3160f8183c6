import type { RenderContext } from './types';

function base(ctx: RenderContext): string {
  return ctx.portalBaseUrl.replace(/\/+$/, '');
}

function query(params: ReadonlyArray<readonly [string, string | undefined]>): string {
  const parts = params
    .filter((p): p is readonly [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** `${portal}/machines/v2/{id}/overview?tid=…` */
export function machinePortalUrl(machineId: string, ctx: RenderContext): string {
  return `${base(ctx)}/machines/v2/${encodeURIComponent(machineId)}/overview${query([['tid', ctx.tenantId]])}`;
}
