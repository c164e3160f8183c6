// Headless Chromium for the UI tests and the README screenshots. We use the system Chromium (Debian's
// `chromium` package; CI installs it with apt) through playwright-core, which downloads nothing.
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium lives; CHROMIUM_PATH overrides it (e.g. a Chrome on a developer's Mac). */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
  // Same pixels on every machine: no font hinting differences from the host's settings.
  '--font-render-hinting=none',
];

/**
 * Why the UI tests cannot run here, or undefined when they can. Only a developer machine without
 * Chromium skips: in CI (CI=true) the tests always run, and fail if Chromium is missing.
 */
export function uiSkipReason(): string | undefined {
  if (fs.existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env['CI'] === 'true') return undefined;
  return `Chromium not found at ${CHROMIUM_PATH}: UI tests skipped (install it with "apt-get install -y chromium", or set CHROMIUM_PATH). In CI (CI=true) they run and fail instead.`;
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. CI must install it ("apt-get install -y chromium"); elsewhere set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}
