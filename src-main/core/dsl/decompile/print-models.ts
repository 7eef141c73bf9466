import type { RawConfig } from '../../config/schema/config';
import type { Decision } from '../../config/schema/decisions';
import { LORA_FIELDS, MODEL_CARD_FIELDS, STRING_MODEL_FIELDS } from '../field-order';
import type { BlockField } from './layout';
import { block } from './layout';
import type { PlainObject } from './print-value';
import {
  compareText,
  isPlainObject,
  layoutEntries,
  printList,
  printObject,
  printValue,
  quoteName,
  quoteString,
} from './print-value';

// The shared model catalog: one `MODEL <name> { … }` block per model card,
// sorted by name (upstream DSL §4.4, §7). As on upstream's export, a model a
// decision names without a card gets an empty block of its own.

/** Model cards by name, for the `param_size` option of route model references. */
export type ModelCatalog = ReadonlyMap<string, PlainObject>;

/** Models named by a decision: its modelRefs and its explicit FOR candidate lists. */
export function decisionModelNames(decision: Decision): string[] {
  const names = (decision.modelRefs ?? []).map((ref) => ref.model);
  const iterations: unknown = decision.candidateIterations;
  if (Array.isArray(iterations)) {
    for (const iteration of iterations) {
      const models: unknown = isPlainObject(iteration) ? iteration['models'] : undefined;
      if (!Array.isArray(models)) continue;
      for (const model of models) {
        if (isPlainObject(model) && typeof model['model'] === 'string') names.push(model['model']);
      }
    }
  }
  return names;
}

/** Every model card to print: the declared ones plus bare cards for referenced models, by name. */
export function collectModelCards(config: RawConfig): PlainObject[] {
  const cards = new Map<string, PlainObject>();
  for (const card of config.routing?.modelCards ?? []) {
    if (!cards.has(card.name)) cards.set(card.name, card);
  }
  const decisions = [
    ...(config.routing?.decisions ?? []),
    ...(config.recipes ?? []).flatMap((recipe) => recipe.routing?.decisions ?? []),
  ];
  for (const decision of decisions) {
    for (const name of decisionModelNames(decision)) {
      if (!cards.has(name)) cards.set(name, { name });
    }
  }
  return [...cards.values()].sort((a, b) =>
    compareText(String(a['name'] ?? ''), String(b['name'] ?? '')),
  );
}

export function catalogOf(cards: readonly PlainObject[]): ModelCatalog {
  return new Map(cards.map((card) => [String(card['name'] ?? ''), card]));
}

function printLora(lora: unknown): string {
  return isPlainObject(lora)
    ? printObject(lora, { order: LORA_FIELDS, extras: false, skip: 'empty' })
    : printValue(lora);
}

function printModelField(key: string, value: unknown): string {
  if (STRING_MODEL_FIELDS.includes(key) && typeof value !== 'object') {
    return quoteString(String(value));
  }
  if (key === 'loras' && Array.isArray(value)) return printList(value, printLora);
  return printValue(value);
}

/** The MODEL blocks of the catalog. */
export function printModels(cards: readonly PlainObject[]): string {
  return cards
    .map((card) => {
      const fields = layoutEntries(card, {
        order: MODEL_CARD_FIELDS,
        extras: false,
        skip: 'zero',
      }).map(([key, value]): BlockField => [key, printModelField(key, value)]);
      return block(`MODEL ${quoteName(String(card['name'] ?? ''))}`, fields);
    })
    .join('');
}

/**
 * A model reference: `"name"` plus `(option = value, …)` when it has options.
 * `options` maps each option to the reference field it prints; `param_size`
 * comes from the model's card.
 */
export function printModelRef(
  ref: PlainObject,
  options: readonly { option: string; field: string }[],
  catalog: ModelCatalog,
): string {
  const name = String(ref['model'] ?? '');
  const paramSize = catalog.get(name)?.['param_size'];
  const values: PlainObject = {
    ...ref,
    param_size: paramSize == null ? undefined : String(paramSize),
  };
  const printed = options
    .filter(({ field }) => values[field] != null && values[field] !== '')
    .map(({ option, field }) => `${option} = ${printValue(values[field])}`);
  return printed.length === 0 ? quoteString(name) : `${quoteString(name)} (${printed.join(', ')})`;
}
