import { z } from 'zod';
import { num, obj, openRecord, str, strList } from './common';

// `providers` (reference §1.3).

export const BackendRefSchema = obj({
  name: str().optional(),
  endpoint: str().optional(),
  protocol: str().optional(),
  weight: num().optional(),
  type: str().optional(),
  base_url: str().optional(),
  provider: str().optional(),
  auth_header: str().optional(),
  auth_prefix: str().optional(),
  extra_headers: z.record(z.string(), z.string()).optional(),
  api_version: str().optional(),
  chat_path: str().optional(),
  api_key: str().optional(),
  api_key_env: str().optional(),
});

export const PricingSchema = obj({
  currency: str().optional(),
  prompt_per_1m: num().optional(),
  completion_per_1m: num().optional(),
  cached_input_per_1m: num().optional(),
  cache_write_per_1m: num().optional(),
});

export const ProviderModelSchema = obj({
  name: str(),
  provider_model_id: str().optional(),
  api_format: str().optional(),
  reasoning_family: str().optional(),
  pricing: PricingSchema.optional(),
  backend_refs: z.array(BackendRefSchema).optional(),
  reliability: openRecord().optional(),
  external_model_ids: z.record(z.string(), z.string()).optional(),
  /** Homelane's extension: where the model runs. Exports for upstream strip it. */
  locality: z.enum(['local', 'lan', 'cloud']).optional(),
});

export const ReasoningFamilySchema = obj({ type: str(), parameter: str() });

export const ProvidersSchema = obj({
  defaults: obj({
    default_model: str().optional(),
    default_reasoning_effort: str().optional(),
    reasoning_families: z.record(z.string(), ReasoningFamilySchema).optional(),
  }).optional(),
  models: z.array(ProviderModelSchema).optional(),
});

export const ModelCardSchema = obj({
  name: str(),
  param_size: z.union([str(), num()]).optional(),
  context_window_size: num().optional(),
  description: str().optional(),
  capabilities: strList().optional(),
  loras: z.array(z.union([str(), openRecord()])).optional(),
  quality_score: num().optional(),
  modality: str().optional(),
  tags: strList().optional(),
});

export type BackendRef = z.infer<typeof BackendRefSchema>;
export type Pricing = z.infer<typeof PricingSchema>;
export type ProviderModel = z.infer<typeof ProviderModelSchema>;
export type Providers = z.infer<typeof ProvidersSchema>;
export type ModelCard = z.infer<typeof ModelCardSchema>;
