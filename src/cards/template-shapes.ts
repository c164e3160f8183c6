// Expands a card template once per *shape* of its view model, through the engine, and binds each
// reply's strings into that expansion by a plain walk (BENCHMARKS.md, "Issue 17").
//
// A view model's shape is everything but the text of its non-empty strings: which fields exist, its
// booleans (`$when`), numbers, nulls and undefineds (those come out as the literal "${field}"), empty
// strings, and every array's length (`$data` repeats). The engine is given the view model with each
// non-empty string replaced by a numbered placeholder; its output is compiled into a function that
// builds the same card with the real strings put back where the placeholders came out.
//
// Why the engine's output does not depend on the text of a string, for the templates of this project:
// every `${…}` in them is a plain property path (checked when a template is prepared: anything else
// is expanded by the engine every time), so a string is either the whole value of a field (returned
// as it is) or concatenated into one (its `toString()`); `$when` takes booleans only (a string never
// passes it); data is never parsed for `${…}`. test/cards/template-shapes.test.ts renders every card
// case of the card tests both ways and compares them.
/** Builds one reply's card from the strings of its view model, in `shapeOf` order. */
export type Binder = (strings: readonly string[]) => unknown;

// Private-use code points: nothing in a template has them, and data never reaches the compiled output
// (placeholders are found in the engine's output for the placeholder view model, then replaced by value).
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
      for (const name of Object.keys(value)) {
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

/** Compiles the engine's expansion of a placeholder view model into a function of the real strings. */
export function compileBinder(expanded: unknown): Binder {
  if (typeof expanded === 'string') {
    if (!expanded.includes(OPEN)) return () => expanded;
    const whole = /^\uE000(\d+)\uE001$/.exec(expanded);
    if (whole !== null) {
      const i = Number(whole[1]);
      return (s) => s[i];
    }
    // Literal text and placeholders, alternating: [text, index, text, index, …, text].
    const texts: string[] = [];
    const slots: number[] = [];
    let last = 0;
    for (const m of expanded.matchAll(PLACEHOLDER)) {
      texts.push(expanded.slice(last, m.index));
      slots.push(Number(m[1]));
      last = m.index + m[0].length;
    }
    const tail = expanded.slice(last);
    return (s) => {
      let out = '';
      for (let j = 0; j < slots.length; j++) out += texts[j] + (s[slots[j] as number] as string);
      return out + tail;
    };
  }
  if (typeof expanded !== 'object' || expanded === null) return () => expanded;
  if (Array.isArray(expanded)) {
    const items = expanded.map(compileBinder);
    return (s) => {
      const out = new Array<unknown>(items.length);
      for (let j = 0; j < items.length; j++) out[j] = (items[j] as Binder)(s);
      return out;
    };
  }
  const names = Object.keys(expanded);
  const fields = names.map((name) => compileBinder((expanded as Record<string, unknown>)[name]));
  return (s) => {
    const out: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) out[names[j] as string] = (fields[j] as Binder)(s);
    return out;
  };
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

/** A prepared template's shapes, least recently used first. */
export class ShapeCache {
  readonly #binders = new Map<string, Binder>();

  constructor(private readonly expandWithEngine: (data: unknown) => unknown) {}

  /** The card for `vm`, or undefined when `vm` is not plain data (the caller asks the engine). */
  expand(vm: object): unknown {
    const strings: string[] = [];
    const key = shapeOf(vm, strings);
    if (key === undefined) return undefined;
    let bind = this.#binders.get(key);
    if (bind === undefined) {
      bind = compileBinder(this.expandWithEngine(placeholderData(vm)));
      if (this.#binders.size >= MAX_SHAPES) this.#binders.delete(this.#binders.keys().next().value as string);
    } else {
      this.#binders.delete(key);
    }
    this.#binders.set(key, bind);
    return bind(strings);
  }

  get size(): number {
    return this.#binders.size;
  }
}
