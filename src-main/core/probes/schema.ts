import { z } from 'zod';

// The probe file format, schema_version v1 (upstream-probes.md §2). Unknown
// keys are errors at every level, as upstream's tooling has them.

const stringSet = z.array(z.string().min(1));
const signals = z.record(z.string(), stringSet);
const matchMode = z.enum(['contains', 'exact']);
const percent = z.number().min(0).max(100);
const tagCategories = [
  'language',
  'negative',
  'collision',
  'fallback',
  'stress',
  'tools',
  'multi_turn',
] as const;

const PaddingSchema = z.strictObject({
  text: z.string().min(1),
  repeat: z.number().int().min(1).max(10000).optional(),
  placement: z.enum(['before', 'after', 'around']).optional(),
});

const GeneratedTextSchema = z.strictObject({
  message_index: z.number().int().min(0),
  content_index: z.number().int().min(0),
  target_text_bytes: z
    .number()
    .int()
    .min(1)
    .max(10 * 1024 * 1024),
  character: z
    .string()
    .regex(/^[\x20-\x7E]$/)
    .optional(),
});

const ProbeMessageSchema = z.looseObject({
  role: z.string().optional(),
  content: z.union([z.string(), z.null(), z.array(z.looseObject({ type: z.string() }))]).optional(),
});

export const VariantSchema = z.strictObject({
  id: z.string().min(1),
  query: z.string().min(1).optional(),
  display_prompt: z.string().min(1).max(2000).optional(),
  playground: z
    .strictObject({ enabled: z.boolean(), reason: z.string().min(1).max(512).optional() })
    .optional(),
  messages: z.array(ProbeMessageSchema).min(1).optional(),
  tools: z.array(z.record(z.string(), z.unknown())).optional(),
  repeat: z.number().int().min(1).max(10000).optional(),
  padding: PaddingSchema.optional(),
  generated_text: GeneratedTextSchema.optional(),
  tags: stringSet.optional(),
  notes: z.string().optional(),
  expected_signals: signals.optional(),
});

export const ProbeGroupSchema = z.strictObject({
  id: z.string().min(1),
  expected_decision: z.string().min(1),
  model: z.string().min(1).optional(),
  expected_recipe: z.string().min(1).optional(),
  expected_algorithm: z.string().min(1).optional(),
  expected_plugins: stringSet.optional(),
  forbidden_plugins: stringSet.optional(),
  plugin_match: matchMode.optional(),
  expected_alias: z.string().min(1).optional(),
  expected_signals: signals.optional(),
  forbidden_signals: signals.optional(),
  signal_match: matchMode.optional(),
  robustness: z.strictObject({ min_pass_rate: percent.optional() }).optional(),
  objective: z.string().optional(),
  notes: z.string().optional(),
  variants: z.array(VariantSchema).min(1),
});

const ImageFixtureSchema = z.strictObject({
  description: z.string().min(1).max(512),
  media_type: z.enum(['image/gif', 'image/jpeg', 'image/png', 'image/webp']),
  data_base64: z.string().min(1),
  sha256: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export const ProbeFileSchema = z.strictObject({
  schema_version: z.literal('v1'),
  name: z.string().min(1),
  description: z.string().optional(),
  routing_assets: z.strictObject({ yaml: z.string().min(1), dsl: z.string().min(1) }),
  router_eval_endpoint: z.string().min(1).optional(),
  evaluation: z
    .strictObject({
      request_timeout_seconds: z.number().min(1).max(1200).optional(),
      concurrency: z.number().int().min(1).max(64).optional(),
    })
    .optional(),
  acceptance: z
    .strictObject({
      min_probe_pass_rate: percent.optional(),
      min_decision_pass_rate: percent.optional(),
    })
    .optional(),
  fixtures: z.strictObject({ images: z.record(z.string(), ImageFixtureSchema) }).optional(),
  coverage: z.strictObject({
    min_signal_assertion_percent: percent,
    min_projection_assertion_percent: percent,
    min_algorithm_assertion_percent: percent,
    min_plugin_assertion_percent: percent,
    required_request_shapes: z.array(z.enum(['text', 'messages', 'tools'])),
    min_tag_counts: z.strictObject(
      Object.fromEntries(tagCategories.map((t) => [t, z.number().int().min(0).optional()])),
    ),
    min_tag_pass_rate: z.strictObject(
      Object.fromEntries(tagCategories.map((t) => [t, percent.optional()])),
    ),
  }),
  decisions: z.array(ProbeGroupSchema).min(1),
});

export type ProbeVariant = z.infer<typeof VariantSchema>;
export type ProbeGroup = z.infer<typeof ProbeGroupSchema>;
export type ProbeFile = z.infer<typeof ProbeFileSchema>;
