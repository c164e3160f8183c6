// Values the state store gives back were JSON-encoded by us, but another version of the bot (a rolling
// deploy) or a damaged key can hold anything: unreadable text is "nothing usable", never a throw.

/** The parsed value of `raw`, or undefined when there is none or it is not JSON. */
export function parseStoredJson(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
