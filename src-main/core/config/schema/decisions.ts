import { z } from 'zod';
import { ALGORITHM_TYPES } from '../../decisions/algorithm-types';
import { RuleNodeSchema, bool, num, obj, openRecord, str } from './common';

// `routing.decisions[]` (reference §4).

export const ModelRefSchema = obj({
  model: str(),
  lora_name: str().optional(),
  weight: num().optional(),
  use_reasoning: bool().optional(),
  reasoning_effort: str().optional(),
  reasoning_description: str().optional(),
});

/** Algorithm blocks carry a type-specific sub-object named after the type. */
export const AlgorithmSchema = z.looseObject({
  type: str().optional(),
  on_error: str().optional(),
  ...Object.fromEntries(
    ALGORITHM_TYPES.filter((type) => type !== 'static').map((type) => [
      type,
      openRecord().optional(),
    ]),
  ),
});

export const PluginSchema = obj({
  type: str(),
  configuration: openRecord().optional(),
});

export const DecisionSchema = obj({
  name: str(),
  description: str().optional(),
  priority: num().optional(),
  tier: num().optional(),
  rules: RuleNodeSchema.optional(),
  modelRefs: z.array(ModelRefSchema).optional(),
  algorithm: AlgorithmSchema.optional(),
  plugins: z.array(PluginSchema).optional(),
  adaptations: openRecord().optional(),
  emits: z.array(openRecord()).optional(),
  annotations: openRecord().optional(),
  output_contract: z.unknown().optional(),
  output_contract_spec: z.unknown().optional(),
  candidateIterations: z.unknown().optional(),
});

export type ModelRef = z.infer<typeof ModelRefSchema>;
export type Algorithm = z.infer<typeof AlgorithmSchema>;
export type Plugin = z.infer<typeof PluginSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
