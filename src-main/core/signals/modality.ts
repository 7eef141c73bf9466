import type { ModalityRule } from '../config/schema/signals';
import type { SequenceClassifier } from '../ml/types';
import {
  MODULES,
  argmax,
  errorOutput,
  guarded,
  memoize,
  missingModelReason,
  okOutput,
  settingNumber,
  settingString,
  settingStringList,
  unavailableSignal,
} from './model-support';
import type { SignalModule } from './signal-module';

// modality (reference §2.15): should the answer be text (`AR`), an image
// (`DIFFUSION`) or both (`BOTH`)? A rule matches when the detected modality
// equals its name. `keyword` is deterministic: image-generation phrases
// (the rule's keywords, else `modality_detector.keywords`, else the built-in
// list below) mean DIFFUSION, and with a "both" phrase (the detector's
// `both_keywords`, else the built-in list) BOTH; otherwise AR. `classifier`
// and `hybrid` need the modality model; a config that needs it while it is
// missing makes the whole family unavailable.

export type Modality = 'AR' | 'DIFFUSION' | 'BOTH';
type Method = 'keyword' | 'classifier' | 'hybrid';

const DETECTOR = [...MODULES, 'modality_detector'];

/** Phrases that ask for a picture to be made (matched as lower-case substrings). */
export const BUILT_IN_IMAGE_KEYWORDS = [
  'generate an image',
  'generate a picture',
  'create an image',
  'create a picture',
  'draw a',
  'draw me',
  'paint a',
  'make an image',
  'make a picture',
  'render an image',
  'illustrate',
  'text-to-image',
  'an image of',
  'a picture of',
] as const;

/** Phrases that also ask for words alongside the picture. */
export const BUILT_IN_BOTH_KEYWORDS = [
  'and explain',
  'and describe',
  'with an explanation',
  'with a description',
  'and tell me',
  'and write',
] as const;

/** Hybrid defaults where upstream requires explicit values. */
export const DEFAULT_HYBRID_CONFIDENCE = 0.5;
export const DEFAULT_HYBRID_LOWER_RATIO = 0.5;

export function keywordModality(
  text: string,
  imageKeywords: readonly string[],
  bothKeywords: readonly string[],
): Modality {
  const lower = text.toLowerCase();
  const has = (keywords: readonly string[]): boolean =>
    keywords.some((k) => k.trim() !== '' && lower.includes(k.toLowerCase()));
  if (!has(imageKeywords)) return 'AR';
  return has(bothKeywords) ? 'BOTH' : 'DIFFUSION';
}

function methodOf(rule: ModalityRule, fallback: string | undefined): Method | undefined {
  const method = (rule.method ?? fallback ?? 'classifier').trim().toLowerCase();
  return method === 'keyword' || method === 'classifier' || method === 'hybrid'
    ? method
    : undefined;
}

function toModality(label: string | undefined): Modality | undefined {
  const upper = label?.trim().toUpperCase();
  return upper === 'AR' || upper === 'DIFFUSION' || upper === 'BOTH' ? upper : undefined;
}

export const modalitySignal: SignalModule<ModalityRule> = {
  type: 'modality',
  configKey: 'modality',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const detectorMethod = settingString(env.global, [...DETECTOR, 'method']);
    const unsupported = rules.filter((rule) => methodOf(rule, detectorMethod) === undefined);
    if (unsupported.length > 0) {
      const reason = unsupported
        .map((rule) => `modality method ${rule.method ?? detectorMethod ?? ''} is not available`)
        .join('; ');
      return { evaluate: () => errorOutput(reason) };
    }
    const classifier: SequenceClassifier | undefined = env.ml.modality;
    if (!classifier && rules.some((rule) => methodOf(rule, detectorMethod) !== 'keyword')) {
      return unavailableSignal(missingModelReason('modality', 'modality classifier'));
    }
    const detectorKeywords = settingStringList(env.global, [...DETECTOR, 'keywords']);
    const bothKeywords = settingStringList(env.global, [...DETECTOR, 'both_keywords']) ?? [
      ...BUILT_IN_BOTH_KEYWORDS,
    ];
    const detectorConfidence = settingNumber(
      env.global,
      [...DETECTOR, 'confidence_threshold'],
      DEFAULT_HYBRID_CONFIDENCE,
    );
    const lowerRatio = settingNumber(
      env.global,
      [...DETECTOR, 'lower_threshold_ratio'],
      DEFAULT_HYBRID_LOWER_RATIO,
    );

    return guarded('modality', async ({ views }) => {
      const text = views.semanticText;
      const classify = memoize(async (input: string) => {
        if (!classifier) throw new Error('no modality classifier');
        const top = argmax(await classifier.classify(input));
        return { modality: toModality(classifier.labels[top.index]), probability: top.probability };
      });
      const matched: string[] = [];
      const detected: Record<string, string> = {};
      for (const rule of rules) {
        const method = methodOf(rule, detectorMethod) ?? 'keyword';
        const imageKeywords = rule.keywords?.length
          ? rule.keywords
          : (detectorKeywords ?? BUILT_IN_IMAGE_KEYWORDS);
        const byKeyword = (): Modality =>
          text.trim() === '' ? 'AR' : keywordModality(text, imageKeywords, bothKeywords);
        let modality: Modality | undefined;
        if (method === 'keyword') {
          modality = byKeyword();
        } else {
          const model = await classify(text);
          if (method === 'classifier') {
            const enough = rule.threshold === undefined || model.probability >= rule.threshold;
            modality = enough ? model.modality : undefined;
          } else {
            const confident = rule.threshold ?? detectorConfidence;
            const keyword = byKeyword();
            if (model.probability >= confident || model.modality === keyword) {
              modality = model.modality ?? keyword;
            } else {
              modality =
                model.probability >= confident * lowerRatio && model.modality
                  ? model.modality
                  : keyword;
            }
          }
        }
        if (modality) detected[rule.name] = modality;
        if (modality !== undefined && modality === rule.name.trim().toUpperCase()) {
          matched.push(rule.name);
        }
      }
      return okOutput({ matched, details: { detected } });
    });
  },
};
