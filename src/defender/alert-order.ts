// The order an alert list is read in: open alerts (anything not Resolved) before resolved ones, and
// within each, the most recent activity first. "Activity" is the last event, else the last update,
// else the creation time, whichever the API sent; an alert with no readable time goes last in its
// group, and the id breaks ties so the same answer always gives the same page.
import { isOpenAlert, type Alert } from './alert-model';

/** Milliseconds of the alert's most recent known activity, or undefined when it has no readable time. */
export function lastActivityMs(alert: Pick<Alert, 'lastEventTime' | 'lastUpdateTime' | 'alertCreationTime'>): number | undefined {
  for (const iso of [alert.lastEventTime, alert.lastUpdateTime, alert.alertCreationTime]) {
    if (iso === undefined) continue;
    const ms = Date.parse(iso);
    if (Number.isFinite(ms)) return ms;
  }
  return undefined;
}

export function compareAlerts(a: Alert, b: Alert): number {
  const open = Number(isOpenAlert(b)) - Number(isOpenAlert(a));
  if (open !== 0) return open;
  const ta = lastActivityMs(a);
  const tb = lastActivityMs(b);
  if (ta !== tb) {
    if (ta === undefined) return 1;
    if (tb === undefined) return -1;
    return tb - ta;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy; the input is left as it was. */
export function orderAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(compareAlerts);
}
