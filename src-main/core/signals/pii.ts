import type { PiiRule } from '../config/schema/signals';
import type { TokenClassifier, TokenEntity } from '../ml/types';
import {
  MODULES,
  errorOutput,
  guarded,
  memoize,
  missingModelReason,
  okOutput,
  settingNumber,
  unavailableSignal,
} from './model-support';
import { detectSensitive } from '../privacy/detector/detector';
import type { PreparedSignal, SignalModule } from './signal-module';
import type { TextViews } from './text-views';
import { PII_CHUNK_UNITS, chunkText } from './text-chunks';

// pii (reference §2.13): a token classifier over ≤512-unit chunks of the
// whole current text (and, with include_history, the non-user texts). A rule
// matches when an entity over its threshold has a type the rule does not
// allow. No confidence is written. The trace gets entity types and offsets,
// never the matched text.

/** The PII module's default, used when a rule sets no threshold. */
export const DEFAULT_PII_THRESHOLD = 0.9;
const MODEL_METHODS = new Set(['', 'classifier', 'model']);
/** Homelane's deterministic detector (no model needed); confidences come from the patterns. */
const DETECTOR_METHODS = new Set(['deterministic']);
export const DEFAULT_DETECTOR_THRESHOLD = 0.5;

export interface FoundEntity extends TokenEntity {
  /** 0 = the current text; 1… = the history texts in order. */
  source: number;
}

function scannedTexts(rule: PiiRule, views: TextViews): string[] {
  return [views.signalText, ...(rule.include_history ? views.nonUserTexts : [])];
}

/** Entities of one text, chunk offsets mapped back; overlaps reported once with their best score. */
async function entitiesOf(
  classify: (chunk: string) => Promise<TokenEntity[]>,
  text: string,
  source: number,
): Promise<FoundEntity[]> {
  const byKey = new Map<string, FoundEntity>();
  for (const chunk of chunkText(text, PII_CHUNK_UNITS)) {
    for (const entity of await classify(chunk.text)) {
      const found: FoundEntity = {
        type: entity.type,
        start: entity.start + chunk.start,
        end: entity.end + chunk.start,
        score: entity.score,
        source,
      };
      const key = `${found.type}\u0000${found.start}\u0000${found.end}`;
      const previous = byKey.get(key);
      if (!previous || previous.score < found.score) byKey.set(key, found);
    }
  }
  return [...byKey.values()].sort((a, b) => a.source - b.source || a.start - b.start);
}

/** Types over the threshold that the rule does not allow (case-insensitive), in order found. */
export function deniedPiiTypes(
  entities: readonly TokenEntity[],
  threshold: number,
  allowed: readonly string[] | undefined,
): string[] {
  const allow = new Set((allowed ?? []).map((type) => type.toLowerCase()));
  const denied: string[] = [];
  for (const entity of entities) {
    if (entity.score < threshold || allow.has(entity.type.toLowerCase())) continue;
    if (!denied.includes(entity.type)) denied.push(entity.type);
  }
  return denied;
}

const methodOf = (rule: PiiRule) => rule.method?.trim().toLowerCase() ?? '';

/** Homelane's detector rules: the same rule fields, a deterministic scan instead of a model. */
function deterministicSignal(rules: readonly PiiRule[]): PreparedSignal {
  return guarded('pii', ({ views }) => {
    const perText = new Map<number, FoundEntity[]>();
    const entitiesFor = (rule: PiiRule): FoundEntity[] =>
      scannedTexts(rule, views).flatMap((text, source) => {
        let found = perText.get(source);
        if (!found) {
          found = detectSensitive(text).map((finding) => ({
            type: finding.type,
            start: finding.start,
            end: finding.end,
            score: finding.confidence,
            source,
          }));
          perText.set(source, found);
        }
        return found;
      });
    const matched: string[] = [];
    const deniedTypes: Record<string, string[]> = {};
    for (const rule of rules) {
      const denied = deniedPiiTypes(
        entitiesFor(rule),
        rule.threshold ?? DEFAULT_DETECTOR_THRESHOLD,
        rule.pii_types_allowed,
      );
      if (denied.length > 0) {
        matched.push(rule.name);
        deniedTypes[rule.name] = denied;
      }
    }
    const entities = [...perText.values()].flat();
    return Promise.resolve(
      okOutput({ matched, details: { method: 'deterministic', entities, deniedTypes } }),
    );
  });
}

export const piiSignal: SignalModule<PiiRule> = {
  type: 'pii',
  configKey: 'pii',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const deterministic = rules.filter((rule) => DETECTOR_METHODS.has(methodOf(rule)));
    if (deterministic.length === rules.length) return deterministicSignal(deterministic);
    if (deterministic.length > 0) {
      const reason =
        'a pii family mixes model rules and deterministic rules; give each its own recipe line or use one method';
      return { evaluate: () => errorOutput(reason) };
    }
    const unsupported = rules.filter((rule) => !MODEL_METHODS.has(methodOf(rule)));
    if (unsupported.length > 0) {
      const reason = unsupported
        .map((rule) => `pii method ${rule.method ?? ''} is not available`)
        .join('; ');
      return { evaluate: () => errorOutput(reason) };
    }
    const classifier: TokenClassifier | undefined = env.ml.pii;
    if (!classifier) return unavailableSignal(missingModelReason('pii', 'PII classifier'));
    const moduleThreshold = settingNumber(
      env.global,
      [...MODULES, 'classifier', 'pii', 'threshold'],
      DEFAULT_PII_THRESHOLD,
    );

    return guarded('pii', async ({ views }) => {
      const classify = memoize((chunk) => classifier.classifyTokens(chunk));
      const perText = new Map<number, FoundEntity[]>();
      const textsNeeded = Math.max(...rules.map((rule) => scannedTexts(rule, views).length));
      const allTexts = [views.signalText, ...views.nonUserTexts].slice(0, textsNeeded);
      for (const [source, text] of allTexts.entries()) {
        perText.set(source, await entitiesOf(classify, text, source));
      }

      const matched: string[] = [];
      const deniedTypes: Record<string, string[]> = {};
      let minThreshold = Infinity;
      for (const rule of rules) {
        const threshold = rule.threshold ?? moduleThreshold;
        minThreshold = Math.min(minThreshold, threshold);
        const sources = scannedTexts(rule, views).length;
        const entities = [...perText.entries()]
          .filter(([source]) => source < sources)
          .flatMap(([, found]) => found);
        const denied = deniedPiiTypes(entities, threshold, rule.pii_types_allowed);
        if (denied.length > 0) {
          matched.push(rule.name);
          deniedTypes[rule.name] = denied;
        }
      }
      const entities = [...perText.values()].flat().filter((e) => e.score >= minThreshold);
      return okOutput({ matched, details: { entities, deniedTypes } });
    });
  },
};
