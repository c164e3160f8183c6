// The compiled bot entry point next to the compiled tests, whatever the outDir: `npm test` builds
// to dist/, and a teammate (or helper) may build to a private folder so parallel runs never share one.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './repo-root';

/** <outDir>/src/main.js for this build; dist/src/main.js of the repository as the fallback. */
export const compiledBotMain: string = (() => {
  // This file compiles to <outDir>/scripts/rig/.
  const candidates = [resolve(__dirname, '..', '..', 'src', 'main.js'), join(repoRoot, 'dist', 'src', 'main.js')];
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) throw new Error(`no compiled bot at ${candidates.join(' or ')}: run "npm run build" first`);
  return found;
})();
