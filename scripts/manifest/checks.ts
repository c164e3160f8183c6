// Our own checks, on top of Microsoft's schema: the things the schema cannot know (the menu matches
// COMMANDS, the icons really are the right PNGs, every placeholder was filled) and the SSO wiring
// whose mistakes only surface later as a silent sign-in failure in Teams.
import { checkCommandDefinitions, compareCommandLists, generateCommandLists } from './command-lists';
import type { CommandDefinition } from '../../src/commands/definitions';
import { isBotAppIdUri, isGuid } from './guid';
import { checkIcon, type IconKind } from './icons';
import { findPlaceholders } from './template';
import { FIND_DEVICE_COMMAND, FIND_DEVICE_PARAMETER } from '../../src/search/command';

/** Teams' token service: SSO and OAuth cards fail without it in validDomains. */
export const TOKEN_DOMAIN = 'token.botframework.com';

/** The public URL of a schema version: what a manifest's `$schema` must say. */
export function teamsSchemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

export interface ManifestCheckContext {
  commands: readonly Pick<CommandDefinition, 'title' | 'description'>[];
  /** The bot's host name; must be in validDomains. */
  botDomain?: string | undefined;
  /** Icon file contents by the file name the manifest gives; missing = undefined. */
  readIcon: (fileName: string) => Buffer | undefined;
}

export function checkManifest(manifest: unknown, ctx: ManifestCheckContext): string[] {
  const problems: string[] = [];
  const left = findPlaceholders(manifest);
  if (left.length) problems.push(`placeholders left unfilled (a value is missing): ${left.join('; ')}`);
  if (!isRecord(manifest)) return [...problems, 'the manifest is not a JSON object.'];

  const version = manifest['manifestVersion'];
  if (typeof version === 'string' && manifest['$schema'] !== teamsSchemaUrl(version)) {
    problems.push(`$schema is ${JSON.stringify(manifest['$schema'])} but manifestVersion is ${version}: use ${teamsSchemaUrl(version)}.`);
  }

  const bot = Array.isArray(manifest['bots']) && isRecord(manifest['bots'][0]) ? manifest['bots'][0] : undefined;
  const wai = isRecord(manifest['webApplicationInfo']) ? manifest['webApplicationInfo'] : undefined;
  problems.push(...checkIds(manifest['id'], bot, wai));
  if (bot === undefined) problems.push('bots[0] is missing.');
  else {
    problems.push(...checkCommandDefinitions(ctx.commands, typeof version === 'string' ? version : '0'));
    problems.push(...compareCommandLists(bot['commandLists'], generateCommandLists(ctx.commands)));
  }
  problems.push(...checkFindDevice(manifest['composeExtensions'], bot?.['botId']));
  problems.push(...checkDomains(manifest['validDomains'], ctx.botDomain));
  problems.push(...checkIcons(manifest['icons'], ctx.readIcon));
  return problems;
}

/** The GUIDs, and that SSO points at the bot's own Entra app. */
function checkIds(appId: unknown, bot: Record<string, unknown> | undefined, wai: Record<string, unknown> | undefined): string[] {
  const problems: string[] = [];
  const requireGuid = (where: string, v: unknown): void => {
    if (typeof v !== 'string' || !isGuid(v)) problems.push(`${where} must be a GUID, got ${JSON.stringify(v)}.`);
  };
  requireGuid('id', appId);
  if (bot !== undefined) requireGuid('bots[0].botId', bot['botId']);
  if (wai === undefined) {
    problems.push('webApplicationInfo is missing: Teams SSO needs {id: <bot id>, resource: api://botid-<bot id>}.');
    return problems;
  }
  requireGuid('webApplicationInfo.id', wai['id']);
  const id = wai['id'];
  const botId = bot?.['botId'];
  if (bot !== undefined && String(id).toLowerCase() !== String(botId).toLowerCase()) {
    problems.push(
      `webApplicationInfo.id (${String(id)}) differs from bots[0].botId (${String(botId)}): SSO must use the bot's own Entra app.`,
    );
  }
  const resource = wai['resource'];
  // Only meaningful once the id itself is right; a bad id has been reported above.
  if (typeof id === 'string' && isGuid(id) && (typeof resource !== 'string' || !isBotAppIdUri(resource, id))) {
    problems.push(
      `webApplicationInfo.resource must be api://botid-${id} (or api://<domain>/botid-${id}), got ${JSON.stringify(resource)}.`,
    );
  }
  return problems;
}

/** The message extension the bot routes: its own bot id, command findDevice (a search) with the one parameter query. */
function checkFindDevice(extensions: unknown, botId: unknown): string[] {
  const extension = Array.isArray(extensions) && isRecord(extensions[0]) ? extensions[0] : undefined;
  if (extension === undefined) return [`composeExtensions[0] is missing: the bot answers the "${FIND_DEVICE_COMMAND}" search.`];
  const problems: string[] = [];
  if (String(extension['botId']).toLowerCase() !== String(botId).toLowerCase()) {
    problems.push(`composeExtensions[0].botId (${String(extension['botId'])}) differs from bots[0].botId (${String(botId)}).`);
  }
  const commands = Array.isArray(extension['commands']) ? extension['commands'].filter(isRecord) : [];
  const command = commands.find((c) => c['id'] === FIND_DEVICE_COMMAND);
  if (command === undefined) return [...problems, `composeExtensions[0] has no "${FIND_DEVICE_COMMAND}" command.`];
  if (command['type'] !== 'query') problems.push(`"${FIND_DEVICE_COMMAND}" must be a search (type "query").`);
  const parameters = Array.isArray(command['parameters']) ? command['parameters'].filter(isRecord) : [];
  if (parameters.length !== 1 || parameters[0]?.['name'] !== FIND_DEVICE_PARAMETER) {
    problems.push(`"${FIND_DEVICE_COMMAND}" must have exactly one parameter, "${FIND_DEVICE_PARAMETER}".`);
  }
  return problems;
}

function checkDomains(domains: unknown, botDomain: string | undefined): string[] {
  const list = Array.isArray(domains) ? domains.filter((d): d is string => typeof d === 'string').map((d) => d.toLowerCase()) : [];
  const problems: string[] = [];
  if (!list.includes(TOKEN_DOMAIN)) problems.push(`validDomains must include ${TOKEN_DOMAIN} (Teams SSO and sign-in cards).`);
  if (botDomain !== undefined && !list.includes(botDomain.toLowerCase()))
    problems.push(`validDomains must include the bot's domain ${botDomain}.`);
  return problems;
}

function checkIcons(icons: unknown, readIcon: (fileName: string) => Buffer | undefined): string[] {
  if (!isRecord(icons)) return ['icons is missing.'];
  return (['color', 'outline'] as const satisfies readonly IconKind[]).flatMap((kind) => {
    const name = icons[kind];
    if (typeof name !== 'string') return [`icons.${kind} is missing.`];
    // The package is flat: manifest.json and the icons side by side at the zip's root.
    if (name.includes('/') || name.includes('\\')) return [`icons.${kind} "${name}" must be a file name at the package root.`];
    const png = readIcon(name);
    return png === undefined ? [`icons.${kind} names ${name}, which does not exist.`] : checkIcon(name, png, kind);
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
