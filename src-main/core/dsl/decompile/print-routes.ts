import type { Decision } from '../../config/schema/decisions';
import { MODEL_REF_OPTIONS } from '../field-order';
import { printAlgorithm } from './print-algorithm';
import type { ModelCatalog } from './print-models';
import { printModelRef } from './print-models';
import { printPluginRef } from './print-plugins';
import {
  candidatesCoverModelRefs,
  printCandidateIterations,
  printEmits,
} from './print-route-items';
import { printWhen } from './print-rules';
import { formatNumber, quoteName, quoteString } from './print-value';

// `ROUTE <name> (description = "…") { … }` blocks, one per decision in config
// order (upstream DSL §4.6, §7). Items print in a fixed order: PRIORITY
// (always), TIER (when non-zero), WHEN (when the rule tree is non-empty),
// MODEL, FOR, ALGORITHM, PLUGIN, EMIT. Decision fields the DSL cannot say
// (adaptations, annotations, output contracts) are left out.

/** Continuation lines of a MODEL list line up under its first reference. */
const MODEL_CONTINUATION = `,\n${' '.repeat('  MODEL '.length)}`;

function printModels(decision: Decision, catalog: ModelCatalog): string {
  const refs = decision.modelRefs ?? [];
  if (refs.length === 0 || candidatesCoverModelRefs(decision)) return '';
  const printed = refs.map((ref) => printModelRef(ref, MODEL_REF_OPTIONS, catalog));
  return `  MODEL ${printed.join(MODEL_CONTINUATION)}\n`;
}

export function printRoute(decision: Decision, catalog: ModelCatalog): string {
  const options = decision.description
    ? ` (description = ${quoteString(decision.description)})`
    : '';
  let out = `ROUTE ${quoteName(decision.name)}${options} {\n`;
  out += `  PRIORITY ${formatNumber(decision.priority ?? 0)}\n`;
  if (decision.tier) out += `  TIER ${formatNumber(decision.tier)}\n`;
  const when = printWhen(decision.rules);
  if (when) out += `  WHEN ${when}\n`;
  out += printModels(decision, catalog);
  out += printCandidateIterations(decision, catalog);
  out += printAlgorithm(decision.algorithm);
  out += (decision.plugins ?? []).map(printPluginRef).join('');
  out += printEmits(decision);
  return `${out}}\n\n`;
}

export function printRoutes(decisions: readonly Decision[], catalog: ModelCatalog): string {
  return decisions.map((decision) => printRoute(decision, catalog)).join('');
}
