// Following an action: polls back off (doubling up to the cap), every change edits the card, a final
// status stops the polling with an audit line, and past the time limit the card says how to ask.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { followUp, type FollowUpDeps } from '../../src/actions/follow-up';
import type { ActionClient } from '../../src/actions/handle-action';
import type { ActionStatusView } from '../../src/actions/types';
import type { MachineAction } from '../../src/defender/machine-action';
import { DefenderError } from '../../src/defender';

const ID = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const AS = { teamsUserId: '29:sam' };
const start: ActionStatusView = { action: { id: ID, status: 'Pending' }, kind: 'isolate', existing: false };

function rig(statuses: Array<string | DefenderError>, settings = { firstDelayMs: 100, maxDelayMs: 400, maxDurationMs: 10_000 }) {
  let now = 0;
  const waits: number[] = [];
  const shown: ActionStatusView[] = [];
  const audits: string[] = [];
  const reads = [...statuses];
  const client = {
    getMachineAction: async (): Promise<MachineAction> => {
      const next = reads.shift() ?? 'InProgress';
      if (next instanceof DefenderError) throw next;
      return { id: ID, status: next, lastUpdateDateTimeUtc: String(now) };
    },
  } as unknown as ActionClient;
  const deps: FollowUpDeps = {
    settings,
    tokens: { getDefenderToken: async () => ({ kind: 'token', token: 't' }) },
    clientFor: () => client,
    update: async (o) => {
      shown.push(o.status);
    },
    audit: (r) => audits.push(`${r.step}:${r.status}`),
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
      return true;
    },
    now: () => now,
  };
  return { deps, waits, shown, audits };
}

test('polls back off up to the cap, each change is shown, and Succeeded ends it with an audit line', async () => {
  const r = rig(['Pending', 'InProgress', 'InProgress', new DefenderError('throttled', '429'), 'InProgress', 'Succeeded']);
  await followUp(start, ID, AS, r.deps);
  assert.deepEqual(r.waits, [100, 200, 400, 400, 400, 400]);
  assert.deepEqual(
    r.shown.map((v) => v.action.status),
    ['Pending', 'InProgress', 'InProgress', 'InProgress', 'Succeeded'],
  );
  assert.deepEqual(r.audits, ['finalStatus:Succeeded']);
});

test('past the time limit the card says the status it last saw and how to ask; a refusal stops at once', async () => {
  const slow = rig([], { firstDelayMs: 100, maxDelayMs: 100, maxDurationMs: 350 });
  await followUp(start, ID, AS, slow.deps);
  assert.match(slow.shown.at(-1)?.gaveUp ?? '', new RegExp(`Still InProgress .*action status ${ID}`));
  assert.deepEqual(slow.audits, []);
  const refused = rig([new DefenderError('forbidden', '403')]);
  await followUp(start, ID, AS, refused.deps);
  assert.equal(refused.waits.length, 1);
  assert.match(refused.shown.at(-1)?.gaveUp ?? '', /forbidden/);
});
