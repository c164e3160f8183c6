// Buttons are messageBack Action.Submits (they post a readable command as the user, on every Teams
// client incl. mobile). Microsoft 365 Agents Playground 0.2.x cannot click those: its renderer writes
// the parsed `msTeams` back into the frozen card data ("Cannot add property msTeams, object is not
// extensible"). For the demo in the Playground, the same buttons become plain Action.Submits whose
// data IS the action value, which the bot reads exactly like a messageBack value.

export type ActionStyle = 'messageBack' | 'plainSubmit';

export function toPlainSubmit<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n: unknown) => toPlainSubmit(n)) as T;
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toPlainSubmit(value);
  if (out['type'] === 'Action.Submit') {
    const value = messageBackValue(out['data']);
    if (value !== undefined) out['data'] = value;
  }
  return out as T;
}

function messageBackValue(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return undefined;
  const msteams = (data as Record<string, unknown>)['msteams'];
  if (typeof msteams !== 'object' || msteams === null) return undefined;
  const mb = msteams as Record<string, unknown>;
  return mb['type'] === 'messageBack' ? mb['value'] : undefined;
}
