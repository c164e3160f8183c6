// Teams rejects an app package whose icons have the wrong size, and renders the outline icon as a
// mask on its own coloured background, so any non-white pixel shows up as a smudge. These checks
// read the PNGs the way Teams will (decoded to RGBA) instead of trusting file names.
import { PNG } from 'pngjs';

export type IconKind = 'color' | 'outline';

export const ICON_SIZES: Readonly<Record<IconKind, number>> = { color: 192, outline: 32 };

/** Problems with one icon; `name` is only used in the messages. */
export function checkIcon(name: string, png: Buffer, kind: IconKind): string[] {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (e) {
    return [`${name} is not a readable PNG: ${e instanceof Error ? e.message : String(e)}`];
  }
  const size = ICON_SIZES[kind];
  const problems: string[] = [];
  if (image.width !== size || image.height !== size) {
    problems.push(`${name} is ${image.width}×${image.height}; the ${kind} icon must be ${size}×${size}.`);
  }
  let visible = 0;
  const offenders: string[] = [];
  let offenderCount = 0;
  // pngjs normalises every colour type to 8-bit RGBA in `data`.
  for (let i = 0; i + 3 < image.data.length; i += 4) {
    const [r, g, b, a] = [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]];
    if (a === 0) continue;
    visible++;
    if (kind === 'outline' && (r !== 255 || g !== 255 || b !== 255)) {
      offenderCount++;
      const px = i / 4;
      if (offenders.length < 3) offenders.push(`(${px % image.width},${Math.floor(px / image.width)}) rgba(${r},${g},${b},${a})`);
    }
  }
  if (visible === 0) problems.push(`${name} is fully transparent.`);
  if (kind === 'outline' && visible === image.width * image.height)
    problems.push(`${name} has no transparent pixels; the outline icon must be white on a transparent background.`);
  if (offenderCount > 0) {
    problems.push(
      `${name}: ${offenderCount} pixel(s) are neither fully transparent nor white, e.g. ${offenders.join(', ')}; the outline icon must be white on transparent.`,
    );
  }
  return problems;
}
