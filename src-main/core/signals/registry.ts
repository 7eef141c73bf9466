import { authzSignal } from './authz';
import { classifierSignal } from './classifier';
import { complexitySignal } from './complexity';
import { contextSignal } from './context';
import { conversationSignal } from './conversation';
import { domainSignal } from './domain';
import { embeddingSignal } from './embedding';
import { eventSignal } from './event';
import { factCheckSignal } from './fact-check';
import { jailbreakSignal } from './jailbreak';
import { kbSignal } from './kb';
import { keywordSignal } from './keyword';
import { languageSignal } from './language';
import { metadataSignal } from './metadata';
import { modalitySignal } from './modality';
import { piiSignal } from './pii';
import { preferenceSignal } from './preference';
import { reaskSignal } from './reask';
import type { SignalModule } from './signal-module';
import type { SignalType } from './signal-types';
import { structureSignal } from './structure';
import { userFeedbackSignal } from './user-feedback';

/** Every signal family by type. Adding a family means one module and one line here. */
export const SIGNAL_MODULES: Record<SignalType, SignalModule<never>> = {
  keyword: keywordSignal,
  embedding: embeddingSignal,
  domain: domainSignal,
  fact_check: factCheckSignal,
  user_feedback: userFeedbackSignal,
  reask: reaskSignal,
  preference: preferenceSignal,
  language: languageSignal,
  context: contextSignal,
  structure: structureSignal,
  complexity: complexitySignal,
  modality: modalitySignal,
  authz: authzSignal,
  jailbreak: jailbreakSignal,
  pii: piiSignal,
  kb: kbSignal,
  conversation: conversationSignal,
  event: eventSignal,
  metadata: metadataSignal,
  classifier: classifierSignal,
} as Record<SignalType, SignalModule<never>>;
