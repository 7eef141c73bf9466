import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { RouterConfig } from '../config/router-config';
import type { KbDefinition } from '../config/schema/global';
import { createLogger } from '../logger';
import type { LoadedKb } from '../signals/signal-module';

const log = createLogger('knowledge-bases');

// Knowledge bases for the kb signal and kb_metric projection inputs: a
// definition (threshold, groups, metrics) and a manifest of labels with
// exemplar texts. Upstream fills in two built-in definitions when a config
// does not declare them; their label manifests ship beside upstream's
// recipes (knowledge_bases/<name>/labels.json) and are read from there, not
// copied into Homelane.

const PRIVACY_SECURITY = [
  'prompt_injection',
  'credential_exfiltration',
  'jailbreak_role',
  'system_prompt_extraction',
];
const PRIVACY_POLICY = [
  'proprietary_code',
  'internal_document',
  'pii',
  'business_strategy',
  'trade_secret_ip',
  'operational_infrastructure',
  'locality_directive',
  'customer_data',
];
const PRIVACY_FRONTIER = ['architecture_analysis', 'root_cause_analysis', 'multi_step_tradeoffs'];
const PRIVACY_LOCAL = ['generic_coding', 'simple_task', 'general_knowledge'];

/** Upstream's built-in definitions (its config defaults), used when a config does not declare the KB. */
export const BUILT_IN_KBS: Record<string, KbDefinition> = {
  privacy_kb: {
    name: 'privacy_kb',
    source: { path: 'knowledge_bases/privacy/', manifest: 'labels.json' },
    threshold: 0.55,
    label_thresholds: { prompt_injection: 0.7 },
    groups: {
      security_containment: PRIVACY_SECURITY,
      privacy_policy: PRIVACY_POLICY,
      frontier_reasoning: PRIVACY_FRONTIER,
      local_standard: PRIVACY_LOCAL,
      private: [...PRIVACY_SECURITY, ...PRIVACY_POLICY],
      public: [...PRIVACY_FRONTIER, ...PRIVACY_LOCAL],
    },
    metrics: [
      {
        name: 'private_vs_public',
        type: 'group_margin',
        positive_group: 'private',
        negative_group: 'public',
      },
    ],
  },
  mmlu_kb: {
    name: 'mmlu_kb',
    source: { path: 'knowledge_bases/mmlu/', manifest: 'labels.json' },
    threshold: 0.25,
    groups: {
      escalate: [
        'biology',
        'business',
        'computer science',
        'economics',
        'history',
        'math',
        'other',
        'philosophy',
        'psychology',
      ],
      keep: ['chemistry', 'engineering', 'health', 'law', 'physics'],
    },
    metrics: [
      {
        name: 'escalate_vs_keep',
        type: 'group_margin',
        positive_group: 'escalate',
        negative_group: 'keep',
      },
    ],
  },
};

const ManifestSchema = z.object({
  labels: z.record(
    z.string(),
    z.object({ description: z.string().optional(), exemplars: z.array(z.string()) }),
  ),
});

/** KB names the config reads: kb rules, kb_metric score inputs, and declared KBs. */
export function knowledgeBaseNames(config: RouterConfig): Set<string> {
  const names = new Set((config.global.model_catalog?.kbs ?? []).map((kb) => kb.name));
  for (const profile of config.profiles.values()) {
    for (const rule of profile.signals.kb ?? []) names.add(rule.kb);
    for (const score of profile.projections.scores ?? []) {
      for (const input of score.inputs)
        if (input.type.toLowerCase() === 'kb_metric' && input.kb) names.add(input.kb);
    }
  }
  return names;
}

/**
 * Loads every KB the config reads. A relative source path is looked for in
 * the config's folder and the two above it (upstream keeps recipes in
 * recipes/<name>/ beside knowledge_bases/), then under `extraRoots`. A KB
 * whose manifest cannot be found is left out; its signals then report an
 * error saying so.
 */
export function loadKnowledgeBases(
  config: RouterConfig,
  extraRoots: readonly string[] = [],
): Map<string, LoadedKb> {
  const declared = new Map((config.global.model_catalog?.kbs ?? []).map((kb) => [kb.name, kb]));
  const configDir = dirname(resolve(config.file));
  const roots = [configDir, join(configDir, '..'), join(configDir, '..', '..'), ...extraRoots];
  const loaded = new Map<string, LoadedKb>();
  for (const name of knowledgeBaseNames(config)) {
    const definition = declared.get(name) ?? BUILT_IN_KBS[name];
    if (!definition) continue;
    const path = definition.source?.path ?? '';
    const manifest = definition.source?.manifest ?? 'labels.json';
    const candidates = isAbsolute(path)
      ? [join(path, manifest)]
      : roots.map((root) => join(root, path, manifest));
    const file = candidates.find((candidate) => existsSync(candidate));
    if (!file) {
      log.warn({ kb: name, looked: candidates }, 'knowledge base manifest not found');
      continue;
    }
    const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      log.warn({ kb: name, file }, 'knowledge base manifest is not a labels file');
      continue;
    }
    loaded.set(name, { definition, labels: new Map(Object.entries(parsed.data.labels)) });
  }
  return loaded;
}
