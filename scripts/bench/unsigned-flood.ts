// The unauthenticated memory check: N POSTs to the production bot (BOT_ID set, real botbuilder) with
// unsigned tokens shaped like botbuilder's emulator tokens, each with a tid never seen before — the
// shape that, without the bot's pre-check, made botframework-connector keep four issuer strings per
// request forever (docs/security-notes.md). Every answer must be 401, the bot must stay alive, and
// its resident memory must not keep what the requests brought: retained growth = VmRSS after the
// flood and a pause, minus VmRSS before it (after a warm-up of the same requests). The bot runs with a
// 128 MB old-space cap: without one V8 grows its heap with the garbage (about 10 KB per request here,
// never given back within seconds), so RSS would measure V8's sizing, not what is kept; under the cap
// garbage is collected and only what is retained stays — and a bot that retains dies instead.
import { readFileSync } from 'node:fs';
import { BOT_APP_ID } from '../rig/identity/fixtures';
import { messageFrom, personalChat, startProductionRig } from '../rig/production-rig';

export interface UnsignedFloodReport {
  requests: number;
  /** HTTP status → count. */
  statuses: Record<string, number>;
  rssBeforeMb: number;
  rssAfterMb: number;
  retainedGrowthMb: number;
  aliveAfter: boolean;
}

export const UNSIGNED_FLOOD_MISSING: UnsignedFloodReport = {
  requests: Number.NaN,
  statuses: {},
  rssBeforeMb: Number.NaN,
  rssAfterMb: Number.NaN,
  retainedGrowthMb: Number.NaN,
  aliveAfter: false,
};

const CONCURRENCY = 16;
export const HEAP_CAP_MB = 128;
const WARM_UP = 200;

export async function measureUnsignedFlood(requests: number): Promise<UnsignedFloodReport> {
  // LOG_LEVEL=error: each refusal is a warn line, which the rig would keep in this process's memory.
  const rig = await startProductionRig({ LOG_LEVEL: 'error', NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` });
  try {
    const activity = JSON.stringify({
      ...messageFrom(teamsUserFree(), personalChat(teamsUserFree(), rig.idp.tenantId), 'machines for user1'),
      serviceUrl: 'https://attacker.example/',
    });
    const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const statuses: Record<string, number> = {};
    let sent = 0;
    // Every token carries a tenant id never seen before.
    const send = async (i: number, count: boolean): Promise<void> => {
      const tid = `${i.toString(16).padStart(8, '0')}-${Math.random().toString(16).slice(2, 6)}-4000-8000-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
      const claims = {
        aud: BOT_APP_ID,
        appid: BOT_APP_ID,
        ver: '1.0',
        iss: `https://sts.windows.net/${tid}/`,
        tid,
        exp: Math.floor(Date.now() / 1000) + 3600,
      };
      const token = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'unsigned' })}.${b64(claims)}.${b64('not a signature')}`;
      const res = await fetch(`${rig.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: activity,
      });
      await res.arrayBuffer();
      if (count) statuses[String(res.status)] = (statuses[String(res.status)] ?? 0) + 1;
    };
    const run = async (n: number, count: boolean): Promise<void> => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < n) {
            next += 1;
            sent += 1;
            await send(sent, count);
          }
        }),
      );
    };
    await run(WARM_UP, false);
    await new Promise((r) => setTimeout(r, 1000));
    const rssBeforeMb = rssMb(rig.pid);
    await run(requests, true);
    // Let garbage that is only garbage be collected; what remains is retained.
    await new Promise((r) => setTimeout(r, 3000));
    const rssAfterMb = rssMb(rig.pid);
    const alive = await fetch(`${rig.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    return {
      requests,
      statuses,
      rssBeforeMb,
      rssAfterMb,
      retainedGrowthMb: Math.round((rssAfterMb - rssBeforeMb) * 10) / 10,
      aliveAfter: alive,
    };
  } finally {
    await rig.close();
  }
}

/** Someone posting as nobody in particular: a Teams-shaped `from` that matches no analyst. */
function teamsUserFree(): { oid: string; upn: string; name: string } {
  return { oid: '00000000-0000-4000-8000-000000000000', upn: 'nobody@example.com', name: 'Nobody' };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] === undefined ? Number.NaN : Math.round((Number(m[1]) / 1024) * 10) / 10;
}
