// Who consented to what. Mutable at run time so a test can show "consent missing → granted → works".
import type { ConsentGrant } from './options';

export class ConsentStore {
  private grants: ConsentGrant[];

  constructor(initial: ConsentGrant[] = []) {
    this.grants = initial.map((g) => ({ ...g, scopes: [...g.scopes] }));
  }

  grant(g: ConsentGrant): void {
    this.grants.push({ ...g, scopes: [...g.scopes] });
  }

  /** Removes grants for the client and resource; only the user's own when `userOid` is given, else every grant. */
  revoke(clientId: string, resource: string, userOid?: string): void {
    this.grants = this.grants.filter(
      (g) => !(g.clientId === clientId && sameResource(g.resource, resource) && (userOid === undefined || g.userOid === userOid)),
    );
  }

  /** Delegated permissions the user may use through the client: admin consent plus the user's own. */
  granted(clientId: string, resource: string, userOid: string): Set<string> {
    const out = new Set<string>();
    for (const g of this.grants) {
      if (g.clientId !== clientId || !sameResource(g.resource, resource)) continue;
      if (g.userOid !== undefined && g.userOid !== userOid) continue;
      for (const s of g.scopes) out.add(s);
    }
    return out;
  }
}

function sameResource(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}
