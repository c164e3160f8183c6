// Placeholders use the Teams Toolkit syntax `${{NAME}}` so the template also works with that tool.
// They are replaced inside parsed JSON strings, never in the raw text, so a value containing a quote
// or backslash cannot break the manifest's JSON.

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Replaces every `${{NAME}}` whose NAME is in `values`; unknown names are left for {@link findPlaceholders}. */
export function fillTemplate(template: JsonValue, values: Readonly<Record<string, string>>): JsonValue {
  if (typeof template === 'string') {
    return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
  }
  if (Array.isArray(template)) return template.map((v) => fillTemplate(v, values));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, values)]));
  }
  return template;
}

/** JSON paths (e.g. `bots[0].botId`) of strings and keys still holding `${{`, left by a missing value. */
export function findPlaceholders(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('${{') ? [`${path || '(root)'}: ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => findPlaceholders(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const here = path ? `${path}.${k}` : k;
      return [...(k.includes('${{') ? [`${here}: key ${k}`] : []), ...findPlaceholders(v, here)];
    });
  }
  return [];
}

/** The placeholder names a template uses, so the packager can say which value is missing. */
export function placeholderNames(value: unknown): string[] {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(PLACEHOLDER)) if (m[1] !== undefined) names.add(m[1]);
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v !== null && typeof v === 'object') {
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return [...names].sort();
}

/** JSON.parse for files that must hold a JSON value; the cast is the JSON boundary. */
export function parseJson(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}
