import { z } from 'zod';
import { bool, num, obj, openRecord, str, strList } from './common';

// `global` (reference §1.2). Only the parts the router reads are modelled key
// by key; the rest are open maps so valid upstream settings never warn.

const LearningSchema = obj({
  enabled: bool().optional(),
  adaptation: obj({
    enabled: bool().optional(),
    mode: str().optional(),
    strategy: str().optional(),
    candidate_set: str().optional(),
  }).optional(),
  protection: obj({
    enabled: bool().optional(),
    mode: str().optional(),
    scope: str().optional(),
    tuning: openRecord().optional(),
  }).optional(),
});

const RouterSchema = obj({
  config_source: str().optional(),
  strategy: str().optional(),
  auto_model_name: str().optional(),
  auto_model_names: strList().optional(),
  include_config_models_in_list: bool().optional(),
  clear_route_cache: bool().optional(),
  streamed_body: openRecord().optional(),
  skip_processing: z.union([bool(), openRecord()]).optional(),
  model_selection: openRecord().optional(),
  learning: LearningSchema.optional(),
});

export const KbDefinitionSchema = obj({
  name: str(),
  source: obj({ path: str().optional(), manifest: str().optional() }).optional(),
  threshold: num().optional(),
  label_thresholds: z.record(z.string(), num()).optional(),
  groups: z.record(z.string(), strList()).optional(),
  metrics: z
    .array(
      obj({
        name: str(),
        type: str(),
        positive_group: str().optional(),
        negative_group: str().optional(),
      }),
    )
    .optional(),
});

const ModelCatalogSchema = obj({
  embeddings: openRecord().optional(),
  system: openRecord().optional(),
  external: z.array(openRecord()).optional(),
  kbs: z.array(KbDefinitionSchema).optional(),
  modules: openRecord().optional(),
});

export const GlobalSchema = obj({
  router: RouterSchema.optional(),
  services: openRecord().optional(),
  stores: openRecord().optional(),
  integrations: openRecord().optional(),
  model_catalog: ModelCatalogSchema.optional(),
});

export type KbDefinition = z.infer<typeof KbDefinitionSchema>;
export type Global = z.infer<typeof GlobalSchema>;
