import type {
  ModelInfo,
  Profile,
  ReasoningFamily,
  RouterConfig,
  SelectionStrategy,
} from './router-config';
import type { RuleNode } from './schema/common';
import type { RawConfig, RecipeProfile } from './schema/config';
import type { Decision } from './schema/decisions';
import type { Signals } from './schema/signals';

// Upstream's defaults and normalisation (reference §1), applied to a config
// that passed the schema. Pure: the raw document is not modified.

export const LOOPER_SLUGS = ['vllm-sr/remom', 'vllm-sr/fusion', 'vllm-sr/flow'] as const;
const LEGACY_AUTO_NAME = 'MoM';

export function normalizeConfig(raw: RawConfig, file: string): RouterConfig {
  const global = raw.global ?? {};
  const router = global.router ?? {};
  const profiles = new Map<string, Profile>();
  if (raw.routing) profiles.set('default', toProfile('default', raw.routing, router.strategy));
  for (const recipe of raw.recipes ?? []) {
    if (!profiles.has(recipe.name) || !hasProfileContent(raw.routing)) {
      profiles.set(recipe.name, toProfile(recipe.name, recipe.routing ?? {}, router.strategy));
    }
  }
  if (!profiles.has('default')) profiles.set('default', toProfile('default', {}, router.strategy));

  const entrypoints = new Map<string, string>();
  for (const entry of raw.entrypoints ?? []) {
    for (const name of entry.model_names) entrypoints.set(name, entry.recipe);
  }

  const learning = router.learning;
  const learningApplies =
    learning?.enabled === true &&
    ((learning.adaptation?.enabled === true && (learning.adaptation.mode ?? 'apply') === 'apply') ||
      (learning.protection?.enabled === true && (learning.protection.mode ?? 'apply') === 'apply'));

  const defaults = raw.providers?.defaults ?? {};
  return {
    file,
    version: raw.version ?? '',
    raw,
    global,
    profiles,
    models: indexModels(raw),
    ...(defaults.default_model ? { defaultModel: defaults.default_model } : {}),
    ...(defaults.default_reasoning_effort
      ? { defaultReasoningEffort: defaults.default_reasoning_effort }
      : {}),
    reasoningFamilies: new Map<string, ReasoningFamily>(
      Object.entries(defaults.reasoning_families ?? {}),
    ),
    autoModelNames: effectiveAutoModelNames(router.auto_model_names, router.auto_model_name),
    entrypoints,
    learningApplies,
  };
}

/** Explicit `auto_model_names` replace the defaults entirely (reference §9.13). */
export function effectiveAutoModelNames(
  explicit: readonly string[] | undefined,
  legacyName?: string,
): string[] {
  const names =
    explicit && explicit.length > 0
      ? explicit
      : ['vllm-sr/auto', 'auto', legacyName || LEGACY_AUTO_NAME];
  return [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
}

export function hasProfileContent(routing: RecipeProfile | undefined): boolean {
  if (!routing) return false;
  const signals = Object.values(routing.signals ?? {}).some(
    (rules) => Array.isArray(rules) && rules.length > 0,
  );
  const projections = Object.values(routing.projections ?? {}).some(
    (p) => Array.isArray(p) && p.length > 0,
  );
  return signals || projections || (routing.decisions?.length ?? 0) > 0;
}

function toProfile(name: string, routing: RecipeProfile, globalStrategy?: string): Profile {
  const decisions = (routing.decisions ?? []).map(withModelRefDefaults);
  return {
    name,
    signals: withGeneratedDomains(routing.signals ?? {}, decisions),
    projections: routing.projections ?? {},
    decisions,
    strategy: toStrategy(routing.strategy ?? globalStrategy),
  };
}

function toStrategy(value: string | undefined): SelectionStrategy {
  return value === 'confidence' ? 'confidence' : 'priority';
}

/** `use_reasoning` missing → false (upstream's ensureModelRefDefaults). */
function withModelRefDefaults(decision: Decision): Decision {
  if (!decision.modelRefs) return decision;
  return {
    ...decision,
    modelRefs: decision.modelRefs.map((ref) => ({
      ...ref,
      use_reasoning: ref.use_reasoning ?? false,
    })),
  };
}

/**
 * With no `domains` declared, upstream generates one per `type: domain` leaf
 * the decisions reference (sorted), each mapped to MMLU category `other`.
 */
function withGeneratedDomains(signals: Signals, decisions: readonly Decision[]): Signals {
  if ((signals.domains?.length ?? 0) > 0) return signals;
  const names = new Set<string>();
  for (const decision of decisions) collectLeaves(decision.rules, 'domain', names);
  if (names.size === 0) return signals;
  return {
    ...signals,
    domains: [...names].sort().map((name) => ({ name, mmlu_categories: ['other'] })),
  };
}

export function collectLeaves(node: RuleNode | undefined, type: string, into: Set<string>): void {
  if (!node) return;
  if (node.type) {
    if (node.type.toLowerCase() === type && node.name) into.add(node.name);
    return;
  }
  for (const child of node.conditions ?? []) collectLeaves(child, type, into);
}

function indexModels(raw: RawConfig): Map<string, ModelInfo> {
  const cards = new Map((raw.routing?.modelCards ?? []).map((card) => [card.name, card]));
  const models = new Map<string, ModelInfo>();
  for (const provider of raw.providers?.models ?? []) {
    const backendType =
      provider.backend_refs?.[0]?.type ?? provider.backend_refs?.[0]?.provider ?? 'vllm';
    const upstream =
      provider.provider_model_id ??
      provider.external_model_ids?.[backendType] ??
      provider.external_model_ids?.['default'];
    const card = cards.get(provider.name);
    models.set(provider.name, {
      alias: provider.name,
      upstreamModelId: upstream ?? provider.name,
      apiFormat: provider.api_format ?? 'openai',
      ...(provider.reasoning_family ? { reasoningFamily: provider.reasoning_family } : {}),
      ...(provider.pricing ? { pricing: provider.pricing } : {}),
      provider,
      ...(card ? { card } : {}),
    });
  }
  for (const [name, card] of cards) {
    if (!models.has(name))
      models.set(name, { alias: name, upstreamModelId: name, apiFormat: 'openai', card });
  }
  return models;
}

/** Finds a model by alias or by the id it is sent upstream as (reference §1.3). */
export function resolveModel(config: RouterConfig, name: string): ModelInfo | undefined {
  const direct = config.models.get(name);
  if (direct) return direct;
  for (const model of config.models.values()) if (model.upstreamModelId === name) return model;
  return undefined;
}
