// Defender portal links for an alert and its incident (documented formats, see the API reference's
// "Portal links"): `${portal}/alerts/{alertId}?tid=…` and `${portal}/incidents/{incidentId}?tid=…`.
// The portal host is the cloud's (CloudSettings.portalBaseUrl: security.microsoft.com, .us, apps.mil).
// Ids come from API answers; one that is not an id gives no link rather than a link somewhere else.
import { normalizeAlertId } from '../defender/alert-id';

/** What a link needs; RenderContext has both. */
export interface PortalContext {
  portalBaseUrl: string;
  tenantId?: string | undefined;
}

function base(ctx: PortalContext): string {
  return ctx.portalBaseUrl.replace(/\/+$/, '');
}

function tid(ctx: PortalContext): string {
  return ctx.tenantId === undefined || ctx.tenantId === '' ? '' : `?tid=${encodeURIComponent(ctx.tenantId)}`;
}

/** The alert's page; undefined when `alertId` is not an alert id. */
export function alertPortalUrl(alertId: string, ctx: PortalContext): string | undefined {
  const id = normalizeAlertId(alertId);
  return id === undefined ? undefined : `${base(ctx)}/alerts/${encodeURIComponent(id)}${tid(ctx)}`;
}

/** The incident's page; undefined unless `incidentId` is a positive whole number (a Long on the wire). */
export function incidentPortalUrl(incidentId: string | number, ctx: PortalContext): string | undefined {
  const id = String(incidentId);
  return /^[1-9]\d{0,18}$/.test(id) ? `${base(ctx)}/incidents/${id}${tid(ctx)}` : undefined;
}
