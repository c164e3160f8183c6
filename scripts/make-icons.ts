// `npm run icons`: draws manifest/color.png (192×192, full colour) and manifest/outline.png (32×32,
// white on transparent): a shield with a terminal prompt ">_" — Defender plus ChatOps. Drawn from
// geometry with 4×4 supersampling so the edges are smooth; the PNGs are committed, so this only
// needs re-running when the design changes. Run from the repository root.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { checkIcon } from './manifest/icons';

type Rgb = readonly [number, number, number];
/** Same colour as the manifest's accentColor, so the icon and its tile match. */
const ACCENT: Rgb = [0x0f, 0x4c, 0x81];
const WHITE: Rgb = [255, 255, 255];
const SAMPLES = 4;

interface Shield {
  top: number;
  shoulder: number;
  tip: number;
  halfWidth: number;
}

// All geometry is in unit coordinates (0..1 across the icon).
const OUTER: Shield = { top: 0.12, shoulder: 0.5, tip: 0.9, halfWidth: 0.33 };

function inShield(s: Shield, x: number, y: number): boolean {
  if (y < s.top || y > s.tip) return false;
  const dx = Math.abs(x - 0.5);
  if (y <= s.shoulder) return dx <= s.halfWidth;
  const t = (y - s.shoulder) / (s.tip - s.shoulder);
  return dx <= s.halfWidth * (1 - t * t); // parabola to a point: the classic shield tip
}

function inset(s: Shield, by: number): Shield {
  return { top: s.top + by, shoulder: s.shoulder, tip: s.tip - by * 1.8, halfWidth: s.halfWidth - by };
}

function nearSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number, halfWidth: number): boolean {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) <= halfWidth;
}

/** The ">_" prompt, centred in the shield's upper body. */
function inPrompt(x: number, y: number, halfWidth: number): boolean {
  return (
    nearSegment(x, y, 0.36, 0.33, 0.5, 0.45, halfWidth) ||
    nearSegment(x, y, 0.5, 0.45, 0.36, 0.57, halfWidth) ||
    nearSegment(x, y, 0.53, 0.59, 0.66, 0.59, halfWidth)
  );
}

/** Fraction (0..1) of pixel (px,py) inside `shape`, by supersampling. */
function coverage(size: number, px: number, py: number, shape: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) hits++;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

const lerp = (a: number, b: number, t: number): number => Math.round(a + (b - a) * t);
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)];

function draw(size: number, pixel: (px: number, py: number) => readonly [number, number, number, number]): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const [r, g, b, a] = pixel(px, py);
      const i = (py * size + px) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return png;
}

/** White shield on the accent colour, prompt in the accent colour. */
export function drawColorIcon(): PNG {
  const size = 192;
  return draw(size, (px, py) => {
    const shield = coverage(size, px, py, (x, y) => inShield(OUTER, x, y));
    const prompt = coverage(size, px, py, (x, y) => inPrompt(x, y, 0.03));
    const rgb = mix(mix(ACCENT, WHITE, shield), ACCENT, prompt);
    return [rgb[0], rgb[1], rgb[2], 255];
  });
}

/** Shield outline and prompt in white; everything else fully transparent. */
export function drawOutlineIcon(): PNG {
  const size = 32;
  const stroke = 2.2 / size; // about two pixels: thinner strokes blur away at 32×32
  const inner = inset(OUTER, stroke);
  return draw(size, (px, py) => {
    const cov = coverage(size, px, py, (x, y) => (inShield(OUTER, x, y) && !inShield(inner, x, y)) || inPrompt(x, y, stroke / 2));
    return [255, 255, 255, Math.round(cov * 255)];
  });
}

function main(): void {
  const dir = path.join(process.cwd(), 'manifest');
  if (!fs.existsSync(dir)) throw new Error(`no manifest/ folder under ${process.cwd()}: run this from the repository root`);
  const files = [
    { name: 'color.png', png: drawColorIcon(), kind: 'color' as const },
    { name: 'outline.png', png: drawOutlineIcon(), kind: 'outline' as const },
  ];
  for (const f of files) {
    const data = PNG.sync.write(f.png, { colorType: 6 });
    // Never commit an icon the packager would reject.
    const problems = checkIcon(f.name, data, f.kind);
    if (problems.length) throw new Error(problems.join('\n'));
    fs.writeFileSync(path.join(dir, f.name), data);
    process.stdout.write(`wrote manifest/${f.name} (${f.png.width}×${f.png.height}, ${data.length} bytes)\n`);
  }
}

if (require.main === module) main();
