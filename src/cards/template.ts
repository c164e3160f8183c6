// Expands a JSON card template with a typed view model (adaptivecards-templating).
//
// Data is never re-expanded: the engine parses `${…}` only in the template (once, when the Template
// is built), so a host name like "${secret}" reaches the card as text (test/cards/template.test.ts
// proves it). md() escapes `{` anyway, so no later templating pass could expand it either.
// The catch is the other direction: a template field whose data is undefined or null comes out as
// the literal "${field}". View models therefore define every field a template uses.
import * as ACData from 'adaptivecards-templating';

export interface CardTemplate<Vm> {
  expand(vm: Vm): unknown;
}

/** Prepare a template once; expand it per reply. `Vm` ties the template to the view model it expects. */
export function cardTemplate<Vm extends object>(json: object): CardTemplate<Vm> {
  const template = new ACData.Template(json);
  return {
    expand: (vm: Vm): unknown => template.expand({ $root: vm }) as unknown,
  };
}
