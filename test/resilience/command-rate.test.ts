// Commands per person per minute (rate-limiter-flexible, in memory): a person over it is told when
// to retry; other people are not counted against it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommandRate } from '../../src/resilience';

test('the third command within a minute at 2 a minute is refused with a wait of at most 60 s; a colleague is unaffected', async () => {
  const rate = new CommandRate(2);
  assert.equal(await rate.take('a'), undefined);
  assert.equal(await rate.take('a'), undefined);
  const refused = await rate.take('a');
  assert.ok(refused !== undefined);
  assert.equal(refused.perMinute, 2);
  assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 60, String(refused.retryAfterSeconds));
  assert.equal(await rate.take('b'), undefined);
});

test('a limit that is not a positive whole number is refused at construction', () => {
  for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => new CommandRate(bad), RangeError);
});
