// Turns the environment (and .env) into the values of the template's placeholders. BOT_ID decides
// the kind of package: set, a real one for that bot; unset, a clearly-labelled DEMO package that
// can be opened and validated but reaches no bot.
import { DEMO_GUID, isBotAppIdUri, isGuid } from './guid';

export type Env = Readonly<Record<string, string | undefined>>;

/** The bits of package.json the package uses. */
export interface PackageJsonInfo {
  version?: unknown;
  homepage?: unknown;
  repository?: unknown;
}

export interface PackageValues {
  demo: boolean;
  /** Placeholder name → value, for fillTemplate. */
  values: Record<string, string>;
  warnings: string[];
  problems: string[];
}

/** Where the demo package says the bot lives: `.invalid` is reserved (RFC 2606) and never resolves. */
export const DEMO_BOT_DOMAIN = 'demo.mde-chatops.invalid';
/** Used for the developer links only when package.json names no homepage or repository. */
export const FALLBACK_PROJECT_URL = 'https://example.invalid/mde-chatops';
export const DEFAULT_DEVELOPER_NAME = 'MDE ChatOps project';

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
// The manifest schema's own semver pattern: no pre-release or build suffix.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function resolvePackageValues(env: Env, pkg: PackageJsonInfo): PackageValues {
  const get = (key: string): string | undefined => {
    const v = env[key]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const warnings: string[] = [];
  const problems: string[] = [];

  const botIdRaw = get('BOT_ID');
  const demo = botIdRaw === undefined;
  let botId = botIdRaw ?? DEMO_GUID;
  let appId = get('TEAMS_APP_ID') ?? botId;
  if (demo) {
    warnings.push(
      `BOT_ID is not set: building a DEMO package (bot and app id ${DEMO_GUID}). It passes validation but reaches no bot. Set BOT_ID (the Azure Bot's Microsoft App ID) for a real package.`,
    );
    for (const key of ['TEAMS_APP_ID', 'APP_ID_URI']) {
      if (get(key) !== undefined)
        problems.push(`${key} is set but BOT_ID is not: set BOT_ID for a real package, or remove ${key} for the demo package.`);
    }
    appId = DEMO_GUID;
  } else {
    botId = botId.toLowerCase();
    appId = appId.toLowerCase();
    if (!isGuid(botId))
      problems.push(
        `BOT_ID="${botIdRaw}" is not a GUID: use the Microsoft App ID of the Azure Bot resource (Azure portal → your Azure Bot → Configuration).`,
      );
    else if (botId === DEMO_GUID)
      problems.push(
        `BOT_ID is the demo placeholder ${DEMO_GUID}: use the Azure Bot's real Microsoft App ID, or unset BOT_ID for the demo package.`,
      );
    const teamsAppId = get('TEAMS_APP_ID');
    if (teamsAppId !== undefined && !isGuid(teamsAppId))
      problems.push(`TEAMS_APP_ID="${teamsAppId}" is not a GUID: leave it unset to reuse BOT_ID, or use a GUID of your own.`);
  }

  const domainRaw = get('BOT_DOMAIN');
  const botDomain = (domainRaw ?? (demo ? DEMO_BOT_DOMAIN : '')).toLowerCase();
  if (domainRaw === undefined && !demo) {
    problems.push("BOT_DOMAIN is missing: set it to the host name of the bot's messaging endpoint, e.g. mde-chatops.azurewebsites.net.");
  } else if (!HOST.test(botDomain)) {
    problems.push(
      `BOT_DOMAIN="${domainRaw}" is not a host name: give just the host, e.g. mde-chatops.azurewebsites.net (no https://, no path, no port).`,
    );
  }

  // Teams SSO for bots only accepts these two forms of Application ID URI.
  const uriForms = [`api://botid-${botId}`, `api://${botDomain}/botid-${botId}`];
  const appIdUri = get('APP_ID_URI') ?? uriForms[0] ?? '';
  if (!demo && !isBotAppIdUri(appIdUri, botId, botDomain)) {
    problems.push(
      `APP_ID_URI="${appIdUri}" must be ${uriForms.join(' or ')} (Teams SSO for bots needs the bot's app id in it); leave it unset for the first form.`,
    );
  }

  const versionRaw = get('APP_VERSION') ?? (typeof pkg.version === 'string' ? pkg.version : undefined);
  if (versionRaw === undefined) problems.push('APP_VERSION is not set and package.json has no version.');
  else if (!SEMVER.test(versionRaw))
    problems.push(`app version "${versionRaw}" must be MAJOR.MINOR.PATCH (Teams allows no pre-release suffix): set APP_VERSION.`);

  const project = projectUrl(pkg);
  if (project === undefined) {
    warnings.push(
      `package.json has no "homepage" or "repository": developer links default to ${FALLBACK_PROJECT_URL}, which does not exist. Set DEVELOPER_WEBSITE_URL, DEVELOPER_PRIVACY_URL and DEVELOPER_TERMS_URL.`,
    );
  }
  const base = project ?? FALLBACK_PROJECT_URL;
  const links = {
    DEVELOPER_WEBSITE_URL: get('DEVELOPER_WEBSITE_URL') ?? `${base}#readme`,
    DEVELOPER_PRIVACY_URL: get('DEVELOPER_PRIVACY_URL') ?? `${base}#privacy`,
    DEVELOPER_TERMS_URL: get('DEVELOPER_TERMS_URL') ?? `${base}#license`,
  };
  for (const [key, url] of Object.entries(links)) {
    if (!/^https:\/\/[^\s/]+/i.test(url)) problems.push(`${key}="${url}" must be an https:// URL.`);
  }
  const defaulted = Object.keys(links).filter((k) => get(k) === undefined);
  if (!demo && project !== undefined && defaulted.length > 0) {
    warnings.push(
      `${defaulted.join(', ')} default to the project README (${base}). Users see these links on the app's About page: point them at your organisation's pages if you have them.`,
    );
  }

  const developerName = get('DEVELOPER_NAME') ?? DEFAULT_DEVELOPER_NAME;
  if (developerName.length > 32) problems.push(`DEVELOPER_NAME is ${developerName.length} characters; Teams allows 32.`);

  return {
    demo,
    values: {
      BOT_ID: botId,
      APP_ID: appId,
      BOT_DOMAIN: botDomain,
      APP_ID_URI: appIdUri,
      APP_VERSION: versionRaw ?? '',
      APP_NAME_SUFFIX: demo ? ' (demo)' : '',
      DEVELOPER_NAME: developerName,
      ...links,
    },
    warnings,
    problems,
  };
}

/** package.json's homepage, else its GitHub-style repository URL, without a fragment or `.git`. */
export function projectUrl(pkg: PackageJsonInfo): string | undefined {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : isUrlObject(pkg.repository) ? pkg.repository.url : undefined;
  const raw = typeof pkg.homepage === 'string' ? pkg.homepage : repo;
  if (raw === undefined) return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  const url =
    shorthand?.[1] !== undefined ? `https://github.com/${shorthand[1]}` : raw.replace(/^git\+/, '').replace(/^git:\/\//, 'https://');
  const cleaned = url
    .replace(/#.*$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  return /^https:\/\//i.test(cleaned) ? cleaned : undefined;
}

function isUrlObject(v: unknown): v is { url: string } {
  return typeof v === 'object' && v !== null && 'url' in v && typeof v.url === 'string';
}
