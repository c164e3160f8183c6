// botbuilder writes to the console while it checks a token (a stack trace and the signing key's PEM
// per refused request, ~1.3 KB each): an unauthenticated sender could fill the disk. Output produced
// inside `quietly` is dropped; everything else reaches the console as before. Our own log lines go
// through pino, not the console, so the refusal is still logged once, as `inboundRefused`.
import { StorageWhileRunning } from '../shared/storage-while-running';

// On only while quiet work runs (Node 20's per-promise hooks otherwise; see StorageWhileRunning).
const scope = new StorageWhileRunning<true>();
let installed = false;

export function quietly<T>(work: () => Promise<T>): Promise<T> {
  install();
  return scope.run(true, work);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const method of ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      if (scope.getStore() === undefined) original(...args);
    };
  }
}
