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

/** The model instance a family would use, if loaded. */
export function modelForFamily(
  ml: MlRuntime,
  type: SignalType,
): { id: string; executionProvider?: string } | undefined {
  const role = ROLE_OF_FAMILY[type];
  const model =
    role === 'embedding'
      ? ml.embedder
      : role === 'domain'
        ? ml.domain
        : role === 'jailbreak'
          ? ml.jailbreak
          : role === 'pii'
            ? ml.pii
            : role === 'fact_check'
              ? ml.factCheck
              : role === 'feedback'
                ? ml.feedback
                : role === 'modality'
                  ? ml.modality
                  : undefined;
  if (!model) return undefined;
  const provider = (model as { executionProvider?: unknown }).executionProvider;
  return { id: model.id, ...(typeof provider === 'string' ? { executionProvider: provider } : {}) };
}
