// The environment keys our code actually reads, found by watching it read rather than by a list
// that could drift: loadConfig (the bot) and resolvePackageValues (`npm run package`) are run
// against an environment that records every key asked for.
import { loadConfig } from '../../src/config';
import { resolvePackageValues } from '../../scripts/manifest/package-values';

type Env = Readonly<Record<string, string | undefined>>;

function recording(base: Record<string, string>, read: Set<string>): Env {
  return new Proxy(base, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return typeof key === 'string' ? target[key] : undefined;
    },
  });
}

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** Demo and production read different keys; both paths are walked. Invalid configs are fine here. */
export function configKeysRead(): Set<string> {
  const read = new Set<string>();
  const bases: Array<Record<string, string>> = [
    {},
    { BOT_ID: GUID },
    { BOT_ID: GUID, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: GUID },
    // Keys read only when another is set: the API host opt-in, and the test-rig flag.
    { BOT_ID: GUID, DEFENDER_API_URL: 'https://proxy.example', LOCAL_RIG_ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:1' },
  ];
  for (const base of bases) {
    try {
      loadConfig(recording(base, read));
    } catch {
      // A ConfigError still means every key was looked at: validation reports all problems at once.
    }
  }
  return read;
}

export function packageKeysRead(): Set<string> {
  const read = new Set<string>();
  const bases: Array<Record<string, string>> = [{}, { BOT_ID: GUID, BOT_DOMAIN: 'bot.example.com' }];
  for (const base of bases) resolvePackageValues(recording(base, read), { version: '1.0.0' });
  return read;
}

/**
 * Azure's own app settings the guide names: the platform reads them, our code never does. Each is
 * here for a reason the guide gives; a new one should be added only with such a reason.
 */
export const PLATFORM_KEYS: ReadonlyMap<string, string> = new Map([
  ['WEBSITES_PORT', 'App Service: the port of a custom container'],
  ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'App Service: no build on the host, the zip is already built'],
  ['WEBSITE_LOAD_CERTIFICATES', 'App Service: why the certificate option does not fit there'],
  ['AZURE_CLIENT_ID', '@azure/identity: which user-assigned managed identity signs in to Redis (REDIS_USE_ENTRA_ID)'],
]);
