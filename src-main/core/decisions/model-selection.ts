import { resolveModel } from '../config/normalize';
import type { RouterConfig } from '../config/router-config';
import type { Decision, ModelRef } from '../config/schema/decisions';
import { chooseByAlgorithm, upstreamIdOf } from './algorithms';

export type SelectionStatus =
  'selected' | 'planned_final' | 'execution_required' | 'fallback' | 'unavailable' | 'failed';

export interface ReasoningChoice {
  /** The chosen modelRef's `use_reasoning`; off without a decision. */
  enabled: boolean;
  /** modelRef effort, else providers.defaults.default_reasoning_effort, else medium. */
  effort?: string;
  /** The model's reasoning family and how it is sent upstream; absent → no reasoning fields. */
  family?: string;
  familyType?: string;
  parameter?: string;
}

export interface ModelSelection {
  /** The alias; null only when nothing can be routed (no decision and no default model). */
  model: string | null;
  upstreamModel: string | null;
  lora?: string;
  method: string;
  status: SelectionStatus;
  reason: string;
  reasoning: ReasoningChoice;
  /** Every modelRef of the decision, in order (eval's recommended_models). */
  recommended: string[];
}

/** Model choice for a routed request (reference §4.4–4.5, §5.4, §5.9, §6.3). */
export function selectModel(config: RouterConfig, decision: Decision | undefined): ModelSelection {
  if (!decision) return fromDefault(config, 'no decision matched; the default model answers');
  const refs = decision.modelRefs ?? [];
  const recommended = refs.map((ref) => ref.model);
  if (refs.length === 0) {
    return {
      ...fromDefault(
        config,
        `decision "${decision.name}" names no models; the default model answers`,
      ),
      recommended,
    };
  }
  const first = refs[0] as ModelRef;
  if ((decision.plugins ?? []).some((p) => p.type === 'fast_response')) {
    return {
      ...describe(config, first),
      method: 'fast_response',
      status: 'selected',
      reason: 'the decision answers with a fixed response',
      reasoning: reasoningFor(config, first),
      recommended,
    };
  }
  const choice = chooseByAlgorithm(config, decision.algorithm, refs);
  if (!choice.ref) {
    const planned = choice.plannedModel;
    return {
      model: planned ?? null,
      upstreamModel: planned ? upstreamIdOf(config, planned) : null,
      method: choice.method,
      status: choice.status,
      reason: choice.reason,
      reasoning: { enabled: false },
      recommended,
    };
  }
  const learning = learningApplies(config, decision);
  return {
    ...describe(config, choice.ref),
    method: choice.method,
    status: learning ? 'execution_required' : choice.status,
    reason: learning
      ? 'Router Learning may keep the conversation on its previous model, so the final model is known only when the request runs'
      : choice.reason,
    reasoning: reasoningFor(config, choice.ref),
    recommended,
  };
}

function learningApplies(config: RouterConfig, decision: Decision): boolean {
  const mode = (decision.adaptations as { mode?: unknown } | undefined)?.mode;
  if (mode === 'observe' || mode === 'bypass') return false;
  return config.learningApplies;
}

function fromDefault(config: RouterConfig, reason: string): ModelSelection {
  const alias = config.defaultModel;
  if (!alias) {
    return {
      model: null,
      upstreamModel: null,
      method: 'default',
      status: 'failed',
      reason: 'no decision matched and no default model is configured',
      reasoning: { enabled: false },
      recommended: [],
    };
  }
  const info = resolveModel(config, alias);
  return {
    model: alias,
    upstreamModel: info?.upstreamModelId ?? alias,
    method: 'default',
    status: 'selected',
    reason,
    reasoning: { enabled: false },
    recommended: [],
  };
}

/** What choosing one modelRef means: alias, upstream id and reasoning (used by fallback). */
export function refSelection(
  config: RouterConfig,
  ref: ModelRef,
): Pick<ModelSelection, 'model' | 'upstreamModel' | 'lora' | 'reasoning'> {
  return { ...describe(config, ref), reasoning: reasoningFor(config, ref) };
}

function describe(
  config: RouterConfig,
  ref: ModelRef,
): Pick<ModelSelection, 'model' | 'upstreamModel' | 'lora'> {
  const info = resolveModel(config, ref.model);
  if (ref.lora_name) return { model: ref.model, upstreamModel: ref.lora_name, lora: ref.lora_name };
  return { model: ref.model, upstreamModel: info?.upstreamModelId ?? ref.model };
}

function reasoningFor(config: RouterConfig, ref: ModelRef): ReasoningChoice {
  const enabled = ref.use_reasoning === true;
  const effort = ref.reasoning_effort ?? config.defaultReasoningEffort ?? 'medium';
  const familyName = resolveModel(config, ref.model)?.reasoningFamily;
  const family = familyName ? config.reasoningFamilies.get(familyName) : undefined;
  if (!familyName || !family) return { enabled, effort };
  return {
    enabled,
    effort,
    family: familyName,
    familyType: family.type,
    parameter: family.parameter,
  };
}
