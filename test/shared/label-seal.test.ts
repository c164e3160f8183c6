import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createLabelSeal } from '../../src/shared/label-seal';

const ID = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';

test('a seal verifies for its id and label only, and only with the key that made it', () => {
  const seal = createLabelSeal(Buffer.alloc(32, 7));
  const ls = seal.seal(ID, 'pc1.contoso.com');
  assert.match(ls, /^[0-9a-f]{16}$/);
  assert.equal(seal.verify(ID, 'pc1.contoso.com', ls), true);
  assert.equal(seal.verify(ID, 'CEO-LAPTOP', ls), false, 'another label');
  assert.equal(seal.verify('f'.repeat(40), 'pc1.contoso.com', ls), false, 'another machine');
  assert.equal(createLabelSeal(Buffer.alloc(32, 8)).verify(ID, 'pc1.contoso.com', ls), false, 'another key (a restart)');
  // The separator keeps id and label apart: "ab" + "c" is not "a" + "bc".
  assert.notEqual(seal.seal('ab', 'c'), seal.seal('a', 'bc'));
});

test('anything but a 16-hex seal is refused without comparing; short keys are refused', () => {
  const seal = createLabelSeal();
  for (const given of [undefined, null, 42, '', 'zz', seal.seal(ID, 'x').toUpperCase(), `${seal.seal(ID, 'x')}0`]) {
    assert.equal(seal.verify(ID, 'x', given), false, String(given));
  }
  assert.throws(() => createLabelSeal(Buffer.alloc(16)), RangeError);
});

test('a seal is the HMAC of id and label whether computed now or kept from before, and after many others', () => {
  const key = Buffer.alloc(32, 9);
  const expected = (id: string, label: string): string =>
    createHmac('sha256', key).update(id).update('\u0000').update(label).digest('hex').slice(0, 16);
  const seal = createLabelSeal(key);
  assert.equal(seal.seal(ID, 'pc1.contoso.com'), expected(ID, 'pc1.contoso.com'));
  assert.equal(seal.seal(ID, 'pc1.contoso.com'), expected(ID, 'pc1.contoso.com'), 'the kept one');
  for (let i = 0; i < 5000; i++) assert.equal(seal.seal(ID, `pc${i}`), expected(ID, `pc${i}`));
  assert.equal(seal.seal(ID, 'pc1.contoso.com'), expected(ID, 'pc1.contoso.com'), 'computed again after being dropped');
  // Another replica with the same key (Redis) seals alike, so its clicks verify here.
  assert.equal(seal.verify(ID, 'pc7', createLabelSeal(key).seal(ID, 'pc7')), true);
});
