// Reads what our SDK-free code needs out of a Teams activity: who asked, and what they asked.
import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { parseAction, parseCommand } from '../commands';
import type { Command, Mention } from '../commands/types';
import type { Requester } from '../tokens/types';

export function requesterOf(activity: Activity): Requester {
  const tenantId = activity.conversation?.tenantId ?? tenantFromChannelData(activity.channelData);
  return {
    teamsUserId: activity.from.id,
    ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(activity.from.name ? { displayName: activity.from.name } : {}),
  };
}

/** A button click (messageBack `value`) wins over the text it also carries; typed text is parsed. */
export function commandOf(activity: Activity): Command {
  const value: unknown = activity.value;
  if (value !== undefined && value !== null) return parseAction(unwrapSubmitData(value));
  return parseCommand({ text: activity.text ?? '', mentions: mentionsOf(activity) });
}

/**
 * A short, stable tag of a person (not their id): what a card's in-place buttons carry as `by`, so that
 * a click by someone else in a channel can say whose view replaced the card.
 */
export function viewerTagOf(requester: Requester): string {
  return createHash('sha256').update(requester.teamsUserId).digest('hex').slice(0, 12);
}

// A client that does not implement messageBack posts the whole Action.Submit `data`, msteams envelope included.
export function unwrapSubmitData(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'msteams' in value) {
    const msteams: unknown = (value as { msteams: unknown }).msteams;
    if (typeof msteams === 'object' && msteams !== null && 'value' in msteams) return (msteams as { value: unknown }).value;
  }
  return value;
}

function mentionsOf(activity: Activity): Mention[] {
  const out: Mention[] = [];
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const mentioned: unknown = entity['mentioned'];
    const text: unknown = entity['text'];
    if (typeof text !== 'string' || typeof mentioned !== 'object' || mentioned === null) continue;
    const id: unknown = (mentioned as { id?: unknown }).id;
    const name: unknown = (mentioned as { name?: unknown }).name;
    if (typeof id !== 'string') continue;
    out.push({ text, teamsUserId: id, name: typeof name === 'string' ? name : '', isBot: id === activity.recipient?.id });
  }
  return out;
}

export function tenantFromChannelData(channelData: unknown): string | undefined {
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const tenant: unknown = (channelData as { tenant?: unknown }).tenant;
  if (typeof tenant !== 'object' || tenant === null) return undefined;
  const id: unknown = (tenant as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
