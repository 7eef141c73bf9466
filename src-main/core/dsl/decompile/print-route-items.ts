import type { Decision } from '../../config/schema/decisions';
import { CANDIDATE_MODEL_OPTIONS, EMIT_RETENTION_FIELDS } from '../field-order';
import type { ModelCatalog } from './print-models';
import { printModelRef } from './print-models';
import type { PlainObject } from './print-value';
import { fieldLine, isPlainObject, layoutEntries, printValue } from './print-value';

// The FOR and EMIT items of a route (upstream DSL §4.6).

const objects = (value: unknown): PlainObject[] =>
  Array.isArray(value) ? value.filter(isPlainObject) : [];

const text = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : fallback;

function emitsVariable(iteration: PlainObject): boolean {
  const variable = iteration['variable'];
  return objects(iteration['outputs']).some(
    (output) => output['type'] === 'model' && output['value'] === variable,
  );
}

/**
 * True when the route's MODEL line can be left out: one explicit FOR list
 * that emits `MODEL <var>` and names exactly the modelRefs, in order.
 */
export function candidatesCoverModelRefs(decision: Decision): boolean {
  const iterations = objects(decision.candidateIterations);
  const only = iterations[0];
  if (iterations.length !== 1 || !only || only['source'] !== 'models' || !emitsVariable(only)) {
    return false;
  }
  const models = objects(only['models']);
  const refs = decision.modelRefs ?? [];
  return (
    refs.length === models.length &&
    refs.every(
      (ref, i) =>
        ref.model === models[i]?.['model'] &&
        (ref.lora_name ?? '') === text(models[i]?.['lora_name']),
    )
  );
}

/** `FOR v IN decision.candidates { MODEL v }` or `FOR v IN ["a" (…), "b"] { … }` items. */
export function printCandidateIterations(decision: Decision, catalog: ModelCatalog): string {
  return objects(decision.candidateIterations)
    .map((iteration) => {
      const source =
        iteration['source'] === 'models'
          ? `[${objects(iteration['models'])
              .map((model) => printModelRef(model, CANDIDATE_MODEL_OPTIONS, catalog))
              .join(', ')}]`
          : text(iteration['source'], 'decision.candidates');
      const outputs = objects(iteration['outputs'])
        .filter((output) => output['type'] === 'model')
        .map((output) => `    MODEL ${text(output['value'])}\n`)
        .join('');
      return `  FOR ${text(iteration['variable'])} IN ${source} {\n${outputs}  }\n`;
    })
    .join('');
}

/** `EMIT retention { … }` items; an unknown kind keeps an empty block for the validator to flag. */
export function printEmits(decision: Decision): string {
  return objects(decision.emits)
    .map((emit) => {
      const kind = text(emit['kind']);
      if (!kind) return '';
      const retention = emit['retention'];
      if (kind !== 'retention' || !isPlainObject(retention)) return `  EMIT ${kind} {}\n`;
      const entries = layoutEntries(retention, { order: EMIT_RETENTION_FIELDS, extras: false });
      if (entries.length === 0) return '  EMIT retention {}\n';
      const lines = entries
        .map(([key, value]) => fieldLine('    ', key, printValue(value)))
        .join('');
      return `  EMIT retention {\n${lines}  }\n`;
    })
    .join('');
}
