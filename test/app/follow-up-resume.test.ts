// A response action's follow-up outlives the bot process that sent it: bot processes on one real
// redis-server (scripts/rig/replicas.ts), the simulated tenant moving the action on slowly. The process
// that sent the isolate is killed (SIGKILL, no shutdown) while the action is pending; a process started
// afterwards finds the follow-up in Redis, carries it on (an audit line says so) and edits the same card
// to Succeeded — with one POST in all. With two processes alive, a poll slower than the resume scan does
// not tempt the other one into polling too: each poll of the action is made once.
import { after, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardOf, cardText, clickOf, personalMessage, submitActions } from '../../scripts/rig/bot-harness';
import { waitFor } from '../../scripts/rig/production-rig';
import { startReplicaSet, type ReplicaSet } from '../../scripts/rig/replicas';
import { ELENA, ACTION_MACHINE as MACHINE, actionPosts } from '../../scripts/rig/action-fixtures';

/** Shared state under test, not the fallback: on a busy machine a Redis reply can take over the default 500 ms. */
const ENV = {
  REDIS_TIMEOUT_MS: '3000',
  RESPONSE_ACTIONS: 'all',
  RESPONSE_ACTION_POLL_MS: '200',
  RESPONSE_ACTION_RESUME_SCAN_MS: '300',
};

interface AuditLine {
  step: string;
  actionId?: string;
  status?: string;
  actor?: { name: string };
}

function audits(set: ReplicaSet, replica: number): AuditLine[] {
  return (set.replicas[replica]?.output() ?? '')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { audit?: AuditLine & { kind: string } })
    .flatMap((l) => (l.audit?.kind === 'action' ? [l.audit] : []));
}

/** Arrival times (simulator clock) of the polls of one action. */
function pollTimes(set: ReplicaSet, actionId: string): number[] {
  return set.sim.calls
    .entries()
    .filter((e) => e.method === 'GET' && e.path.startsWith(`/api/machineactions/${actionId}`))
    .map((e) => e.at);
}

/** Asks for an isolate on replica `on` and confirms it there, on its card; the card's id and Defender's action id. */
async function isolateOn(set: ReplicaSet, on: number, reason: string): Promise<{ cardId: string; actionId: string }> {
  const ask = personalMessage(`isolate ${MACHINE} ${reason}`, ELENA);
  assert.equal(await set.post(ask, on), 200);
  const card = set.connector.sent.find((s) => s.replyToId === ask.id && s.activity.type === 'message');
  assert.ok(card, 'a confirmation card');
  const confirm = submitActions(cardOf(card.activity)).find((b) => b.title === 'Confirm: Isolate');
  assert.ok(confirm, cardText(cardOf(card.activity)));
  assert.equal(await set.post(clickOf(confirm, { id: card.id }, personalMessage('', ELENA)), on), 200);
  const sent = await waitFor(() => audits(set, on).find((a) => a.step === 'sent'), 5000, 'the sent audit line');
  assert.ok(sent.actionId);
  return { cardId: card.id, actionId: sent.actionId };
}

function succeededEdit(set: ReplicaSet, cardId: string): Record<string, unknown> | undefined {
  return set.connector.updated
    .filter((u) => u.activityId === cardId)
    .map((u) => cardOf(u.activity))
    .find((c) => /Isolate mymachine1\.contoso\.com: Succeeded/.test(cardText(c)));
}

describe('an action follow-up across bot processes on one Redis', () => {
  let set: ReplicaSet | undefined;
  afterEach(async () => {
    await set?.close();
    set = undefined;
  });
  after(async () => {
    await set?.close();
  });

  test('the process that sent the isolate is killed while it is pending; a process started later edits the same card to Succeeded, one POST in all', async () => {
    set = await startReplicaSet({ replicas: 1, env: ENV, sim: { actionTimings: { inProgressAfterMs: 1000, doneAfterMs: 5000 } } });
    const { cardId, actionId } = await isolateOn(set, 0, 'INC-61 beaconing');
    await set.replicas[0]?.kill();
    assert.equal(succeededEdit(set, cardId), undefined, 'not finished before the kill');
    const later = await set.add();
    const done = await waitFor(() => succeededEdit(set as ReplicaSet, cardId), 20_000, 'the card edited to Succeeded');
    assert.match(cardText(done), /Confirmed by Elena Brandt at .* — sent to Defender as Elena Brandt\./);
    assert.deepEqual(
      submitActions(done).filter((b) => /^(Confirm|Cancel)/.test(b.title)),
      [],
    );
    assert.equal(actionPosts(set.sim).length, 1, 'one POST in all');
    const resumed = await waitFor(
      () => audits(set as ReplicaSet, later).find((a) => a.step === 'finalStatus'),
      5000,
      'the final status audit line',
    );
    assert.equal(resumed.status, 'Succeeded');
    const carried = audits(set, later).filter((a) => a.step === 'followUpResumed');
    assert.equal(carried.length, 1, 'the new process says once that it carried the follow-up on');
    assert.equal(carried[0]?.actionId, actionId);
    assert.equal(carried[0]?.actor?.name, 'Elena Brandt', 'polling as the analyst who confirmed');
    assert.equal(audits(set, 0).filter((a) => a.step === 'finalStatus').length, 0);
  });

  test('two processes alive, each poll slower than the resume scan: every poll of the action is made once, by the process that sent it', async () => {
    set = await startReplicaSet({ replicas: 2, env: ENV, sim: { actionTimings: { inProgressAfterMs: 800, doneAfterMs: 3000 } } });
    // Each status read takes 700 ms: the record stays past its poll time for more than two scans of the other process.
    set.sim.faults.set({ kind: 'latency', ms: 700 }, { endpoint: 'machineactions/{id}' });
    const { cardId, actionId } = await isolateOn(set, 0, 'INC-62 lateral movement');
    await waitFor(() => succeededEdit(set as ReplicaSet, cardId), 20_000, 'the card edited to Succeeded');
    const times = pollTimes(set, actionId);
    assert.ok(times.length >= 2, `polled ${times.length} times`);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    assert.ok(
      gaps.every((g) => g >= 700),
      `no poll overlapped another (each waits for the one before, 700 ms, plus the backoff): gaps ${gaps.join(', ')} ms`,
    );
    assert.deepEqual(
      [0, 1].map((r) => audits(set as ReplicaSet, r).filter((a) => a.step === 'followUpResumed').length),
      [0, 0],
    );
    assert.equal(actionPosts(set.sim).length, 1);
  });
});
