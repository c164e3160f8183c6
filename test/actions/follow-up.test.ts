// Following an action, one poll at a time: polls back off (doubling up to the cap), every change edits
// the card, a final status ends it with an audit line, and past the time limit the card says how to ask.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstRecord, pollOnce, type FollowUpDeps } from '../../src/actions/follow-up';
import type { ActionClient } from '../../src/actions/deps';
import type { FollowUpRecord } from '../../src/actions/follow-up-record';
import type { ActionStatusView, FollowUpSettings } from '../../src/actions/types';
import type { MachineAction } from '../../src/defender/machine-action';
import { DefenderError } from '../../src/defender';

const ID = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const AS = { teamsUserId: '29:sam' };
const start: ActionStatusView = { action: { id: ID, status: 'Pending' }, kind: 'isolate', existing: false };
const SETTINGS: FollowUpSettings = { firstDelayMs: 100, maxDelayMs: 400, maxDurationMs: 10_000, resumeScanMs: 1000, leaseMs: 5000 };

function rig(statuses: Array<string | DefenderError>, settings = SETTINGS) {
  let now = 0;
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
  const deps: FollowUpDeps<string> = {
    settings,
    token: async () => ({ kind: 'token', token: 't' }),
    clientFor: () => client,
    show: async (_record, o) => {
      shown.push(o.status);
      return undefined;
    },
    audit: (r) => audits.push(`${r.step}:${r.status}`),
    now: () => now,
  };
  /** Polls at each record's poll time until following ends; the waits between polls. */
  const runToEnd = async (): Promise<number[]> => {
    const waits: number[] = [];
    let record: FollowUpRecord<string> | undefined = firstRecord(start, ID, AS, { reference: 'conv', cardId: 'card-1' }, deps);
    while (record !== undefined) {
      waits.push(record.nextPollAt - now);
      now = record.nextPollAt;
      record = await pollOnce(record, deps);
    }
    return waits;
  };
  return { deps, shown, audits, runToEnd };
}

test('polls back off up to the cap, each change is shown, and Succeeded ends it with an audit line', async () => {
  const r = rig(['Pending', 'InProgress', 'InProgress', new DefenderError('throttled', '429'), 'InProgress', 'Succeeded']);
  assert.deepEqual(await r.runToEnd(), [100, 200, 400, 400, 400, 400]);
  assert.deepEqual(
    r.shown.map((v) => v.action.status),
    ['Pending', 'InProgress', 'InProgress', 'InProgress', 'Succeeded'],
  );
  assert.deepEqual(r.audits, ['finalStatus:Succeeded']);
});

test('past the time limit the card says the status it last saw and how to ask; a refusal stops at once', async () => {
  const slow = rig([], { ...SETTINGS, maxDelayMs: 100, maxDurationMs: 350 });
  await slow.runToEnd();
  assert.match(slow.shown.at(-1)?.gaveUp ?? '', new RegExp(`Still InProgress .*action status ${ID}`));
  assert.deepEqual(slow.audits, []);
  const refused = rig([new DefenderError('forbidden', '403')]);
  assert.deepEqual(await refused.runToEnd(), [100]);
  assert.match(refused.shown.at(-1)?.gaveUp ?? '', /forbidden/);
});

test('a card Teams would not edit moves: the record keeps the id of the message that shows the status now', async () => {
  const r = rig(['InProgress']);
  r.deps.show = async () => 'reply-9';
  const first = firstRecord(start, ID, AS, { reference: 'conv', cardId: 'card-1' }, r.deps);
  assert.ok(first);
  const next = await pollOnce(first, r.deps);
  assert.equal(next?.cardId, 'reply-9');
});
