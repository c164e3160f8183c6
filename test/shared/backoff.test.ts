import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelayMs } from '../../src/shared/backoff';

test('the wait doubles per retry, never exceeds the cap, and is at least half the step', () => {
  const at = (r: number) => (retry: number) => backoffDelayMs(retry, { baseDelayMs: 100, maxDelayMs: 1_000, random: () => r });
  assert.deepEqual([1, 2, 3, 4, 5].map(at(0)), [50, 100, 200, 400, 500]);
  assert.deepEqual([1, 2, 3, 4, 5].map(at(0.5)), [75, 150, 300, 600, 750]);
  assert.deepEqual([1, 2, 3, 4, 5].map(at(0.999999)), [100, 200, 400, 800, 1_000]);
});
