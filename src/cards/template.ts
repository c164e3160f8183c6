// Expands a JSON card template with a typed view model (adaptivecards-templating).
//
// Data is never re-expanded: the engine parses `${…}` only in the template (once, when the Template
// is built), so a host name like "${secret}" reaches the card as text (test/cards/helpers.test.ts
// proves it). md() escapes `{` anyway, so no later templating pass could expand it either.
// The catch is the other direction: a template field whose data is undefined or null comes out as
// the literal "${field}". View models therefore define every field a template uses.
//
// The engine evaluates each `${…}` per card, which was the largest part of rendering one (BENCHMARKS.md,
// "Issue 17"): so it expands each *shape* of view model once, and the replies of that shape reuse that
// expansion with their own strings put in (./template-shapes.ts).
//
// The engine (adaptivecards-templating with adaptive-expressions and antlr4ts, about 500 files and
// 19 MB resident) is loaded by the first card the process renders, not at start: a production bot
// idles most of the day (BENCHMARKS.md, "Production start"). Each template is prepared on its first
// use and kept; the first card pays the load once (a few hundred ms). Keep this import type-only:
// test/cards/template-lazy.test.ts and test/app/production-footprint.test.ts check it.
import { isDeepStrictEqual } from 'node:util';
import type * as ACData from 'adaptivecards-templating';
import { onlyPlainPaths, ShapeCache } from './template-shapes';

export interface CardTemplate<Vm> {
  expand(vm: Vm): unknown;
}

let engine: typeof ACData | undefined;
/** Set by checkShapesAgainstEngine: how many shape expansions were compared with the engine's. */
let shapeCheck: { compared: number } | undefined;

/** Whether a card has been rendered yet, i.e. the template engine is loaded. */
export function templateEngineLoaded(): boolean {
  return engine !== undefined;
}

/**
 * For tests: from now on, every card expanded from a shape is also expanded by the engine, and a
 * difference throws (test/cards/template-shapes.test.ts runs every card test this way). The count
 * says how many cards were compared.
 */
export function checkShapesAgainstEngine(): { readonly compared: number } {
  shapeCheck ??= { compared: 0 };
  return shapeCheck;
}

/** A template prepared on first use; expand it per reply. `Vm` ties the template to the view model it expects. */
export function cardTemplate<Vm extends object>(json: object): CardTemplate<Vm> {
  let template: ACData.Template | undefined;
  const withEngine = (data: unknown): unknown => {
    engine ??= require('adaptivecards-templating') as typeof ACData;
    template ??= new engine.Template(json);
    return template.expand({ $root: data }) as unknown;
  };
  const shapes = onlyPlainPaths(json) ? new ShapeCache(withEngine) : undefined;
  return {
    expand: (vm: Vm): unknown => {
      const card = shapes?.expand(vm);
      if (card === undefined) return withEngine(vm);
      if (shapeCheck !== undefined) {
        const direct = withEngine(vm);
        if (!isDeepStrictEqual(card, direct)) {
          throw new Error(`shape expansion differs from the engine's:\n${JSON.stringify(card)}\n${JSON.stringify(direct)}`);
        }
        shapeCheck.compared++;
      }
      return card;
    },
  };
}
