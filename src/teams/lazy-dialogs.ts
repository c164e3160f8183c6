// teams-ai's Application requires its Dialog-based sign-in classes, and they require all of
// botbuilder-dialogs: the prompts with Microsoft's text recognizers (5 MB of source), lodash and
// globalize, about 26 MB resident in every process (BENCHMARKS.md, "Production start"). This bot
// signs in with its own flow (src/teams/sign-in) and never gives teams-ai an `authentication`
// option, so none of that code ever runs. Imported before teams-ai, this module puts a stand-in in
// the module cache at the file teams-ai resolves botbuilder-dialogs to. `Dialog`, the one name
// teams-ai reads while loading (as a base class), comes from its own file; reading any other name
// loads the real package, in full, then and there, and the stand-in forwards to it from then on.
import Module, { createRequire } from 'node:module';

const teamsAiRequire = createRequire(require.resolve('@microsoft/teams-ai/lib/authentication/BotAuthenticationBase'));
/** The file teams-ai gets when it requires botbuilder-dialogs. */
export const dialogsIndexPath = teamsAiRequire.resolve('botbuilder-dialogs');

type Namespace = Record<string | symbol, unknown>;
let real: Namespace | undefined;

function loadReal(): Namespace {
  if (real === undefined) {
    delete require.cache[dialogsIndexPath];
    real = teamsAiRequire(dialogsIndexPath) as Namespace;
  }
  return real;
}

/** Whether something has asked the stand-in for more than `Dialog`, i.e. the whole package is loaded. */
export function dialogsFullyLoaded(): boolean {
  return real !== undefined;
}

if (require.cache[dialogsIndexPath] === undefined) {
  const standIn = new Proxy({} as Namespace, {
    get: (_target, name) =>
      name === 'Dialog' && real === undefined
        ? (teamsAiRequire('botbuilder-dialogs/lib/dialog') as Namespace)['Dialog']
        : Reflect.get(loadReal(), name),
    has: (_target, name) => Reflect.has(loadReal(), name),
    ownKeys: () => Reflect.ownKeys(loadReal()),
    getOwnPropertyDescriptor: (_target, name) => {
      const d = Reflect.getOwnPropertyDescriptor(loadReal(), name);
      // A proxy may not report a non-configurable property its (empty) target lacks.
      return d === undefined ? undefined : { ...d, configurable: true };
    },
  });
  const entry = new Module(dialogsIndexPath);
  entry.filename = dialogsIndexPath;
  entry.exports = standIn;
  entry.loaded = true;
  require.cache[dialogsIndexPath] = entry;
}
