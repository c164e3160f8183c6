// What `about` says, read once at start-up: the version from package.json (next to dist/ in the
// repository and in the container image), the mode and the Defender cloud from the validated Config.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import type { AboutInfo } from '../handlers/outcome';

/** package.json's "version", or "unknown" when the file cannot be read (the bot still starts). */
export function packageVersion(file = join(__dirname, '..', '..', '..', 'package.json')): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const version: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'version') : undefined;
    return typeof version === 'string' && /^\d+\.\d+\.\d+[0-9A-Za-z.+-]*$/.test(version) ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function aboutInfo(config: Pick<Config, 'mode' | 'cloud'>, version = packageVersion()): AboutInfo {
  return { version, mode: config.mode, cloud: config.cloud };
}
