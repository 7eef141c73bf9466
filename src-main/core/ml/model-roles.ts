import type { SignalType } from '../signals/signal-types';
import type { MlRuntime } from './types';

// Which installed model serves each signal family. Kept apart from the
// runtime loader so that reading it never loads ONNX Runtime or tokenizers.

export type ModelRoleName =
  'embedding' | 'domain' | 'jailbreak' | 'pii' | 'fact_check' | 'feedback' | 'modality';

export const ROLE_OF_FAMILY: Partial<Record<SignalType, ModelRoleName>> = {
  embedding: 'embedding',
  complexity: 'embedding',
  reask: 'embedding',
  kb: 'embedding',
  preference: 'embedding',
  domain: 'domain',
  jailbreak: 'jailbreak',
  pii: 'pii',
  fact_check: 'fact_check',
  user_feedback: 'feedback',
  modality: 'modality',
};

/** The slot of the ML runtime each model role fills. */
export const RUNTIME_SLOT = {
  embedding: 'embedder',
  domain: 'domain',
  jailbreak: 'jailbreak',
  pii: 'pii',
  fact_check: 'factCheck',
  feedback: 'feedback',
  modality: 'modality',
} as const satisfies Record<ModelRoleName, keyof MlRuntime>;

/** The sequence-classifier roles, by the runtime slot they fill. */
export type ClassifierRole = Exclude<ModelRoleName, 'embedding' | 'pii'>;

/** The model instance a family would use, if loaded. */
export function modelForFamily(
  ml: MlRuntime,
  type: SignalType,
): { id: string; executionProvider?: string } | undefined {
  const role = ROLE_OF_FAMILY[type];
  const model = role ? ml[RUNTIME_SLOT[role]] : undefined;
  if (!model) return undefined;
  const provider = (model as { executionProvider?: unknown }).executionProvider;
  return { id: model.id, ...(typeof provider === 'string' ? { executionProvider: provider } : {}) };
}
