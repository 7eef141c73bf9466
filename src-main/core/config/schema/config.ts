import { z } from 'zod';
import { num, obj, str, strList } from './common';
import { DecisionSchema } from './decisions';
import { GlobalSchema } from './global';
import { ProjectionsSchema } from './projections';
import { ModelCardSchema, ProvidersSchema } from './providers';
import { SignalsSchema } from './signals';

// The whole v0.3 file (reference §1).

export const ListenerSchema = obj({
  name: str().optional(),
  address: str().optional(),
  port: num().optional(),
  timeout: z.union([str(), num()]).optional(),
});

/** A routing profile: what the top-level `routing` block and each `recipes[].routing` hold. */
const profileShape = {
  signals: SignalsSchema.optional(),
  projections: ProjectionsSchema.optional(),
  decisions: z.array(DecisionSchema).optional(),
  strategy: str().optional(),
};

export const RoutingSchema = obj({
  modelCards: z.array(ModelCardSchema).optional(),
  ...profileShape,
});

export const RecipeProfileSchema = obj(profileShape);

export const RecipeSchema = obj({
  name: str(),
  description: str().optional(),
  routing: RecipeProfileSchema.optional(),
});

export const EntrypointSchema = obj({
  model_names: strList(),
  recipe: str(),
});

export const ConfigSchema = obj({
  version: str().optional(),
  listeners: z.array(ListenerSchema).optional(),
  global: GlobalSchema.optional(),
  providers: ProvidersSchema.optional(),
  routing: RoutingSchema.optional(),
  entrypoints: z.array(EntrypointSchema).optional(),
  recipes: z.array(RecipeSchema).optional(),
});

export type Listener = z.infer<typeof ListenerSchema>;
export type Routing = z.infer<typeof RoutingSchema>;
export type RecipeProfile = z.infer<typeof RecipeProfileSchema>;
export type Recipe = z.infer<typeof RecipeSchema>;
export type Entrypoint = z.infer<typeof EntrypointSchema>;
export type RawConfig = z.infer<typeof ConfigSchema>;
