import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { ICON_SIZES, checkIcon } from '../../scripts/manifest/icons';
import { readIcon } from './inputs';

function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set(pixel(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(image);
}

function committed(name: string): Buffer {
  const data = readIcon(name);
  assert.ok(data, `manifest/${name} is missing: run npm run icons`);
  return data;
}

test("the committed icons have Teams' exact sizes: color 192×192, outline 32×32", () => {
  for (const [name, size] of [
    ['color.png', 192],
    ['outline.png', 32],
  ] as const) {
    const image = PNG.sync.read(committed(name));
    assert.deepEqual([image.width, image.height], [size, size], name);
  }
  assert.deepEqual(ICON_SIZES, { color: 192, outline: 32 });
});

test('the committed outline icon is white on transparent: every pixel fully transparent or white', () => {
  const image = PNG.sync.read(committed('outline.png'));
  let transparent = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = [...image.data.subarray(i, i + 4)];
    if (a === 0) transparent++;
    else assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4}`);
  }
  assert.ok(transparent > 0 && transparent < 32 * 32, 'has both transparent and visible pixels');
  assert.deepEqual(checkIcon('outline.png', committed('outline.png'), 'outline'), []);
});

test('the committed colour icon passes the icon checks and is opaque full colour', () => {
  const data = committed('color.png');
  assert.deepEqual(checkIcon('color.png', data, 'color'), []);
  const image = PNG.sync.read(data);
  const colours = new Set<string>();
  for (let i = 0; i < image.data.length; i += 4) colours.add(image.data.subarray(i, i + 3).join(','));
  assert.ok(colours.size > 2, 'more than black and white');
});

test('an icon of the wrong size is rejected with both sizes named', () => {
  const problems = checkIcon(
    'color.png',
    png(96, 96, () => [10, 80, 160, 255]),
    'color',
  );
  assert.deepEqual(problems, ['color.png is 96×96; the color icon must be 192×192.']);
});

test('an outline icon with a grey or coloured pixel is rejected, pointing at the pixel', () => {
  const problems = checkIcon(
    'outline.png',
    png(32, 32, (x, y) => (x === 5 && y === 7 ? [200, 200, 200, 255] : x < 16 ? [255, 255, 255, 128] : [0, 0, 0, 0])),
    'outline',
  );
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', /1 pixel\(s\) are neither fully transparent nor white, e\.g\. \(5,7\) rgba\(200,200,200,255\)/);
});

test('an outline icon with no transparent background (a white square) is rejected', () => {
  const problems = checkIcon(
    'outline.png',
    png(32, 32, () => [255, 255, 255, 255]),
    'outline',
  );
  assert.ok(
    problems.some((p) => p.includes('no transparent pixels')),
    problems.join('\n'),
  );
});

test('a fully transparent icon and a file that is not a PNG are rejected', () => {
  assert.ok(
    checkIcon(
      'outline.png',
      png(32, 32, () => [255, 255, 255, 0]),
      'outline',
    ).some((p) => p.includes('fully transparent')),
  );
  assert.match(checkIcon('color.png', Buffer.from('GIF89a'), 'color')[0] ?? '', /not a readable PNG/);
});

test('semi-transparent white (anti-aliased edges) is allowed in the outline icon', () => {
  assert.deepEqual(
    checkIcon(
      'outline.png',
      png(32, 32, (x) => (x < 10 ? [255, 255, 255, 90] : [0, 0, 0, 0])),
      'outline',
    ),
    [],
  );
});
