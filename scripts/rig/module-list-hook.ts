// Preloaded with `node --require` into a bot process by production-footprint.ts: on SIGUSR2 it writes
// what the process has loaded and its memory to the file named by FOOTPRINT_OUT. Nothing else runs
// until the signal, so the process measured is the bot as it idles.
import { renameSync, writeFileSync } from 'node:fs';

export interface FootprintSnapshot {
  /** Resident set size, bytes. */
  rss: number;
  heapUsed: number;
  /** Every file loaded through require (our compiled code and node_modules), absolute paths. */
  files: string[];
  /** Node's own built-in modules and bindings loaded (process.moduleLoadList). */
  builtins: number;
}

const out = process.env['FOOTPRINT_OUT'];
if (out !== undefined) {
  process.on('SIGUSR2', () => {
    const { rss, heapUsed } = process.memoryUsage();
    const moduleLoadList = (process as unknown as { moduleLoadList?: string[] }).moduleLoadList ?? [];
    const snapshot: FootprintSnapshot = { rss, heapUsed, files: Object.keys(require.cache), builtins: moduleLoadList.length };
    // Written whole, then renamed: the reader never sees half a file.
    writeFileSync(`${out}.partial`, JSON.stringify(snapshot));
    renameSync(`${out}.partial`, out);
  });
}
