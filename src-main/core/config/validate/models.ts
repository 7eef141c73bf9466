import type { DiagnosticSink } from '../diagnostics';
import type { RawConfig } from '../schema/config';
import { rawProfiles } from './profiles';

const REASONING_FAMILY_TYPES = new Set([
  'chat_template_kwargs',
  'reasoning_effort',
  'top_level_reasoning_effort',
]);
const EFFORTS = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);
const API_FORMATS = new Set(['openai', 'anthropic']);

/** Model cards, provider models, defaults and every modelRef (reference §1.3, §1.6). */
export function validateModels(raw: RawConfig, sink: DiagnosticSink): void {
  const cards = raw.routing?.modelCards ?? [];
  const cardNames = new Set<string>();
  cards.forEach((card, index) => {
    if (cardNames.has(card.name))
      sink.error(
        'duplicate_name',
        ['routing', 'modelCards', index, 'name'],
        `model card "${card.name}" is declared twice`,
      );
    cardNames.add(card.name);
  });

  const families = raw.providers?.defaults?.reasoning_families ?? {};
  for (const [name, family] of Object.entries(families)) {
    if (!REASONING_FAMILY_TYPES.has(family.type)) {
      sink.error(
        'invalid_value',
        ['providers', 'defaults', 'reasoning_families', name, 'type'],
        `reasoning family type must be one of ${[...REASONING_FAMILY_TYPES].join(', ')}`,
      );
    }
  }
  const effort = raw.providers?.defaults?.default_reasoning_effort;
  if (effort !== undefined && !EFFORTS.has(effort)) {
    sink.error(
      'invalid_value',
      ['providers', 'defaults', 'default_reasoning_effort'],
      `"${effort}" is not a reasoning effort (${[...EFFORTS].join(', ')})`,
    );
  }

  const providerNames = new Set<string>();
  (raw.providers?.models ?? []).forEach((model, index) => {
    const path = ['providers', 'models', index];
    if (providerNames.has(model.name))
      sink.error(
        'duplicate_name',
        [...path, 'name'],
        `provider model "${model.name}" is declared twice`,
      );
    providerNames.add(model.name);
    if (cards.length > 0 && !cardNames.has(model.name)) {
      sink.error(
        'unknown_model',
        [...path, 'name'],
        `provider model "${model.name}" has no entry in routing.modelCards${suggest(model.name, cardNames)}`,
      );
    }
    if (model.reasoning_family !== undefined && !Object.hasOwn(families, model.reasoning_family)) {
      sink.error(
        'unknown_reasoning_family',
        [...path, 'reasoning_family'],
        `reasoning family "${model.reasoning_family}" is not in providers.defaults.reasoning_families`,
      );
    }
    if (model.api_format !== undefined && !API_FORMATS.has(model.api_format)) {
      sink.error(
        'invalid_value',
        [...path, 'api_format'],
        `api_format must be openai or anthropic`,
      );
    }
    const hasMetadata = Boolean(
      model.pricing ||
      model.reasoning_family ||
      model.api_format ||
      model.provider_model_id ||
      model.external_model_ids ||
      model.reliability,
    );
    if ((model.backend_refs?.length ?? 0) === 0 && !hasMetadata) {
      sink.error(
        'invalid_model',
        path,
        `provider model "${model.name}" has neither backend_refs nor any metadata`,
      );
    }
  });

  const known = cards.length > 0 ? cardNames : providerNames;
  const defaultModel = raw.providers?.defaults?.default_model;
  if (defaultModel !== undefined && known.size > 0 && !known.has(defaultModel)) {
    sink.error(
      'unknown_model',
      ['providers', 'defaults', 'default_model'],
      `default_model "${defaultModel}" is not a configured model${suggest(defaultModel, known)}`,
    );
  }

  const loras = new Map(
    cards.map((card) => [
      card.name,
      new Set(
        (card.loras ?? []).map((l) =>
          typeof l === 'string' ? l : String((l as { name?: unknown }).name ?? ''),
        ),
      ),
    ]),
  );
  for (const profile of rawProfiles(raw)) {
    (profile.routing.decisions ?? []).forEach((decision, d) => {
      (decision.modelRefs ?? []).forEach((ref, r) => {
        const path = [...profile.path, 'decisions', d, 'modelRefs', r];
        if (known.size > 0 && !known.has(ref.model)) {
          sink.error(
            'unknown_model',
            [...path, 'model'],
            `decision "${decision.name}" names model "${ref.model}", which is not configured${suggest(ref.model, known)}`,
          );
        }
        if (ref.lora_name !== undefined && !loras.get(ref.model)?.has(ref.lora_name)) {
          sink.error(
            'unknown_lora',
            [...path, 'lora_name'],
            `"${ref.lora_name}" is not a LoRA of model card "${ref.model}"`,
          );
        }
        if (ref.reasoning_effort !== undefined && !EFFORTS.has(ref.reasoning_effort)) {
          sink.error(
            'invalid_value',
            [...path, 'reasoning_effort'],
            `"${ref.reasoning_effort}" is not a reasoning effort (${[...EFFORTS].join(', ')})`,
          );
        }
      });
    });
  }
}

/** ", did you mean "x"?" when a known name is close (edit distance ≤ 2 or a case change). */
export function suggest(name: string, known: Iterable<string>): string {
  const best = closest(name, known);
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

/** The known name nearest to `name` (case-insensitive equal, or at most two edits away). */
export function closest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance =
      candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
