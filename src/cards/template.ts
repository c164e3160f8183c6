// Expands a JSON card template with a typed view model (adaptivecards-templating).
//
// Data is never re-expanded: the engine parses `${…}` only in the template (once, when the Template
// is built), so a host name like "${secret}" reaches the card as text (test/cards/helpers.test.ts
// proves it). md() escapes `{` anyway, so no later templating pass could expand it either.
// The catch is the other direction: a template field whose data is undefined or null comes out as
// the literal "${field}". View models therefore define every field a template uses.
//
// The engine (adaptivecards-templating with adaptive-expressions and antlr4ts, about 500 files and
// 19 MB resident) is loaded by the first card the process renders, not at start: a production bot
// idles most of the day (BENCHMARKS.md, "Production start"). Each template is prepared on its first
// use and kept; the first card pays the load once (a few hundred ms). Keep this import type-only:
// test/cards/template-lazy.test.ts and test/app/production-footprint.test.ts check it.
import type * as ACData from 'adaptivecards-templating';

export interface CardTemplate<Vm> {
  expand(vm: Vm): unknown;
}

let engine: typeof ACData | undefined;

/** Whether a card has been rendered yet, i.e. the template engine is loaded. */
export function templateEngineLoaded(): boolean {
  return engine !== undefined;
}

/** A template prepared on first use; expand it per reply. `Vm` ties the template to the view model it expects. */
export function cardTemplate<Vm extends object>(json: object): CardTemplate<Vm> {
  let template: ACData.Template | undefined;
  return {
    expand: (vm: Vm): unknown => {
      engine ??= require('adaptivecards-templating') as typeof ACData;
      template ??= new engine.Template(json);
      return template.expand({ $root: vm }) as unknown;
    },
  };
}
