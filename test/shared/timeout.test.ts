import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimeoutError } from '../../src/errors';
import type { Clock } from '../../src/resilience/clock';
import { settledWithin, startTimeout, untilAborted, within, withTimeout } from '../../src/shared/timeout';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const after = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** A clock whose timers fire only when the test says so. */
function manualClock(): Clock & { fire(): void; pending(): number } {
  let timers: Array<() => void> = [];
  return {
    now: () => 0,
    setTimer: (callback) => {
      timers.push(callback);
      return () => {
        timers = timers.filter((t) => t !== callback);
      };
    },
    fire: () => {
      const due = timers;
      timers = [];
      for (const t of due) t();
    },
    pending: () => timers.length,
  };
}

test('work that ignores its signal is still answered with the caller’s timeout error, and the signal aborts', async () => {
  let seen: AbortSignal | undefined;
  const started = Date.now();
  await assert.rejects(
    withTimeout(
      30,
      (signal) => {
        seen = signal;
        return never<string>();
      },
      () => new Error('slow'),
    ),
    /^Error: slow$/,
  );
  assert.ok(Date.now() - started >= 25, 'not before the time is up');
  assert.equal(seen?.aborted, true);
  assert.equal((seen?.reason as DOMException).name, 'TimeoutError');
});

test('work that finishes in time gives its value or its own error, and its timer is cancelled', async () => {
  const clock = manualClock();
  assert.equal(
    await withTimeout(
      1_000,
      async () => 'done',
      () => new Error('slow'),
      { clock },
    ),
    'done',
  );
  await assert.rejects(
    withTimeout(
      1_000,
      async () => {
        throw new RangeError('own');
      },
      () => new Error('slow'),
      { clock },
    ),
    RangeError,
  );
  assert.equal(clock.pending(), 0);
});

test('the timeout runs on an injected clock', async () => {
  const clock = manualClock();
  const answer = withTimeout(
    10,
    () => never<string>(),
    () => new Error('clock says slow'),
    { clock },
  );
  clock.fire();
  await assert.rejects(answer, /clock says slow/);
});

test('the caller’s own signal ends the work with its reason, not as a timeout', async () => {
  const outer = new AbortController();
  const answer = withTimeout(
    10_000,
    () => never<string>(),
    () => new Error('slow'),
    { signal: outer.signal },
  );
  outer.abort(new Error('the caller gave up'));
  await assert.rejects(answer, /the caller gave up/);
});

test('within names what did not answer in a TimeoutError with the shared code', async () => {
  await assert.rejects(within(20, never<string>(), 'the token service'), (e: unknown) => {
    assert.ok(e instanceof TimeoutError);
    assert.equal(e.code, 'timeout');
    assert.equal(e.message, 'the token service did not answer within 20 ms');
    return true;
  });
  assert.equal(await within(1_000, Promise.resolve(7), 'x'), 7);
});

test('settledWithin gives the value when in time, undefined when late, and passes a failure on', async () => {
  assert.equal(await settledWithin(after(5, 'fast'), 1_000), 'fast');
  assert.equal(await settledWithin(after(200, 'slow'), 20), undefined);
  await assert.rejects(settledWithin(Promise.reject(new Error('boom')), 1_000), /boom/);
});

test('untilAborted on a signal that is already aborted rejects at once', async () => {
  const timeout = startTimeout(0);
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(timeout.signal.aborted, true);
  await assert.rejects(
    untilAborted(never<number>(), timeout.signal, () => new Error('too late')),
    /too late/,
  );
});
