// botbuilder writes to the console while it checks a token (a stack trace and the signing key's PEM
// per refused request, ~1.3 KB each): an unauthenticated sender could fill the disk. Output produced
// inside `quietly` is dropped; everything else reaches the console as before. Our own log lines go
// through pino, not the console, so the refusal is still logged once, as `inboundRefused`.
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<true>();
let installed = false;
/**
 * Quiet work in flight. On Node 20 an enabled AsyncLocalStorage runs a hook for every promise the
 * process makes, so the scope is turned off whenever nothing quiet is running (BENCHMARKS.md, issue 17).
 */
let inFlight = 0;

export async function quietly<T>(work: () => Promise<T>): Promise<T> {
  install();
  inFlight++;
  try {
    return await scope.run(true, work);
  } finally {
    if (--inFlight === 0) scope.disable();
  }
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
