// Reading the bot's replies as Teams would: the Adaptive Card attachment and its messageBack buttons.
import { canonicalText } from '../../src/commands/canonical';
import type { ActionValue } from '../../src/commands/types';

export interface MessageBack {
  title: string;
  text: string;
  value: unknown;
}

/** The Adaptive Card of a reply activity, if it has one. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> | undefined {
  const attachments = activity.attachments;
  if (!Array.isArray(attachments)) return undefined;
  for (const a of attachments as unknown[]) {
    if (typeof a !== 'object' || a === null) continue;
    const { contentType, content } = a as { contentType?: unknown; content?: unknown };
    if (contentType === 'application/vnd.microsoft.card.adaptive' && typeof content === 'object' && content !== null)
      return content as Record<string, unknown>;
  }
  return undefined;
}

/** Every messageBack Action.Submit in a card, wherever it is nested. */
export function messageBacks(node: unknown): MessageBack[] {
  const out: MessageBack[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Submit' && typeof o.title === 'string') {
      const msteams = (o.data as { msteams?: { type?: unknown; text?: unknown; value?: unknown } } | undefined)?.msteams;
      if (msteams?.type === 'messageBack' && typeof msteams.text === 'string')
        out.push({ title: o.title, text: msteams.text, value: msteams.value });
    }
    Object.values(o).forEach(walk);
  };
  walk(node);
  return out;
}

/**
 * What clicking "Who logged on" for the first machine of a machines list posts. The list has one
 * Details button per machine; "Who logged on" is on the details card and posts that machine's
 * logonUsers value, which the Details button's value names.
 */
export function firstWhoLoggedOn(machinesCard: unknown): MessageBack | undefined {
  const details = messageBacks(machinesCard).find((b) => b.title === 'Details');
  const v = details?.value as { machineId?: unknown; label?: unknown } | undefined;
  if (typeof v?.machineId !== 'string') return undefined;
  const value: ActionValue = { action: 'logonUsers', machineId: v.machineId, ...(typeof v.label === 'string' ? { label: v.label } : {}) };
  return { title: 'Who logged on', text: canonicalText(value), value };
}
