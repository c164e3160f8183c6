// Expands a card template once per *shape* of its view model, through the engine, and binds each
// reply's strings into that expansion by a plain walk (BENCHMARKS.md, "Issue 17").
//
// A view model's shape is everything but the text of its non-empty strings: which fields exist, its
// booleans (`$when`), numbers, nulls and undefineds (those come out as the literal "${field}"), empty
// strings, and every array's length (`$data` repeats). The engine is given the view model with each
// non-empty string replaced by a numbered placeholder; its output is kept, and each reply of that
// shape gets a copy of it with the real strings put back where the placeholders came out.
//
// Why the engine's output does not depend on the text of a string, for the templates of this project:
// every `${…}` in them is a plain property path (checked when a template is prepared: anything else
// is expanded by the engine every time), so a string is either the whole value of a field (returned
// as it is) or concatenated into one (its `toString()`); `$when` takes booleans only (a string never
// passes it); data is never parsed for `${…}`. test/cards/template-shapes.test.ts renders every card
// case of the card tests both ways and compares them.
//
// Which shapes recur: a list's rows differ by their flags (hasSeen, hasFlags, a labelled button), so
// a page of ten has a handful of common shapes, not one. A shape not kept costs what every card cost
// before (one engine expansion) plus the copy; each template keeps its MAX_SHAPES most recent ones.
// What is kept holds placeholders, never a string from Defender or a person.

import { BoundedMap } from '../shared/bounded-map';

// Private-use code points: nothing in a template has them, and data strings are never searched for
// them (placeholders are found in the engine's output for the placeholder view model, then replaced).
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * The shape key of `vm`, pushing its non-empty strings onto `strings` in walk order; undefined when the
 * view model holds something other than plain data (a Date, a class instance, a function), which the
 * engine is then left to expand as it is.
 */
export function shapeOf(value: unknown, strings: string[]): string | undefined {
  switch (typeof value) {
    case 'string':
      if (value === '') return 'e';
      strings.push(value);
      return 's';
    case 'boolean':
      return value ? 't' : 'f';
    case 'number':
      return Object.is(value, -0) ? 'n-0;' : `n${value};`;
    case 'undefined':
      return 'u';
    case 'object': {
      if (value === null) return 'z';
      if (Array.isArray(value)) {
        let key = '[';
        for (const item of value) {
          const k = shapeOf(item, strings);
          if (k === undefined) return undefined;
          key += k;
        }
        return `${key}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return undefined;
      let key = '{';
      for (const name in value) {
        const k = shapeOf((value as Record<string, unknown>)[name], strings);
        if (k === undefined) return undefined;
        key += `${name.length}:${name}${k}`;
      }
      return `${key}}`;
    }
    default:
      return undefined;
  }
}

/** `vm` with its non-empty strings replaced by numbered placeholders, numbered in `shapeOf` order. */
export function placeholderData(value: unknown, next: { n: number } = { n: 0 }): unknown {
  if (typeof value === 'string') return value === '' ? value : `${OPEN}${next.n++}${CLOSE}`;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => placeholderData(item, next));
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) out[name] = placeholderData((value as Record<string, unknown>)[name], next);
  return out;
}

/**
 * The card of one reply: `expanded` (the engine's expansion of the placeholder view model) with each
 * placeholder replaced by its string. A new tree: the cached expansion is never handed out.
 */
export function bindStrings(expanded: unknown, strings: readonly string[]): unknown {
  if (typeof expanded === 'string') return bindString(expanded, strings);
  if (typeof expanded !== 'object' || expanded === null) return expanded;
  if (Array.isArray(expanded)) {
    const out = new Array<unknown>(expanded.length);
    for (let j = 0; j < expanded.length; j++) {
      const item: unknown = expanded[j];
      out[j] = typeof item === 'string' ? bindString(item, strings) : bindStrings(item, strings);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const name in expanded) {
    const field = (expanded as Record<string, unknown>)[name];
    out[name] = typeof field === 'string' ? bindString(field, strings) : bindStrings(field, strings);
  }
  return out;
}

function bindString(text: string, strings: readonly string[]): string {
  const open = text.indexOf(OPEN);
  if (open < 0) return text;
  // The whole value is one placeholder: the string itself (most fields are `${field}` alone).
  if (open === 0 && text.indexOf(CLOSE) === text.length - 1) return strings[Number(text.slice(1, -1))] as string;
  return text.replace(PLACEHOLDER, (_, i: string) => strings[Number(i)] as string);
}

const PLAIN_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** True when every `${…}` in the template is a plain property path, the case shape expansion is exact for. */
export function onlyPlainPaths(node: unknown): boolean {
  if (typeof node === 'string') {
    for (const m of node.matchAll(/\$\{([^}]*)\}/g)) if (!PLAIN_PATH.test(m[1] ?? '')) return false;
    // A `${` left unclosed, or a `}` inside an expression, is not something this check understands.
    return node.split('${').length - 1 === [...node.matchAll(/\$\{[^}]*\}/g)].length;
  }
  if (typeof node !== 'object' || node === null) return true;
  if (Array.isArray(node)) return node.every(onlyPlainPaths);
  return Object.entries(node).every(([key, value]) => !key.includes('${') && onlyPlainPaths(value));
}

/** How many shapes each template keeps; a miss costs one engine expansion, as every card did before. */
export const MAX_SHAPES = 64;

/** A prepared template's shapes, the least recently used forgotten first. */
export class ShapeCache {
  /** The engine's expansion of each shape's placeholder view model. */
  readonly #expansions = new BoundedMap<string, unknown>({ max: MAX_SHAPES });

  constructor(private readonly expandWithEngine: (data: unknown) => unknown) {}

  /** The card for `vm`, or undefined when `vm` is not plain data (the caller asks the engine). */
  expand(vm: object): unknown {
    const strings: string[] = [];
    const key = shapeOf(vm, strings);
    if (key === undefined) return undefined;
    let expanded = this.#expansions.get(key);
    if (expanded === undefined) {
      expanded = this.expandWithEngine(placeholderData(vm));
      this.#expansions.set(key, expanded);
    }
    return bindStrings(expanded, strings);
  }

  get size(): number {
    return this.#expansions.size;
  }
}
