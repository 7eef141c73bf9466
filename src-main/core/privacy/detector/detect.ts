import { addressDetector } from './address';
import { emailDetector, phoneDetector } from './contact';
import { awsSecretDetector, connectionStringDetector, passwordDetector } from './credentials';
import { cardDetector, ibanDetector } from './financial';
import {
  nationalIdDetector,
  nhsDetector,
  ninoDetector,
  passportDetector,
  ssnDetector,
} from './national-ids';
import { ipDetector } from './network';
import { resolveOverlaps } from './resolve';
import { jwtDetector, privateKeyDetector, providerKeyDetector } from './secrets';
import type { DetectOptions, Detector, Finding, SensitiveType } from './types';
import { SENSITIVE_TYPES, isSensitiveType } from './types';

// Runs every pattern family over one text. Each family scans the whole text
// once with bounded patterns, so the cost is linear in the text's length;
// findings that overlap are resolved to the most confident one.

const DETECTORS: readonly Detector[] = [
  privateKeyDetector,
  jwtDetector,
  providerKeyDetector,
  awsSecretDetector,
  connectionStringDetector,
  passwordDetector,
  emailDetector,
  cardDetector,
  ibanDetector,
  ssnDetector,
  nhsDetector,
  ninoDetector,
  nationalIdDetector,
  passportDetector,
  ipDetector,
  phoneDetector,
  addressDetector,
];

export type DetectorErrorCode = 'unknown_type';

export class DetectorError extends Error {
  readonly code: DetectorErrorCode;

  constructor(code: DetectorErrorCode, message: string) {
    super(message);
    this.name = 'DetectorError';
    this.code = code;
  }
}

/** The requested types, upper-cased and checked; undefined means every type. */
function requestedTypes(
  types: readonly string[] | undefined,
): ReadonlySet<SensitiveType> | undefined {
  if (types === undefined) return undefined;
  const wanted = new Set<SensitiveType>();
  for (const raw of types) {
    const type = raw.toUpperCase();
    if (!isSensitiveType(type)) {
      throw new DetectorError(
        'unknown_type',
        `"${raw}" is not a type the PII and secrets detector knows. Known types: ${SENSITIVE_TYPES.join(', ')}.`,
      );
    }
    wanted.add(type);
  }
  return wanted;
}

/**
 * Finds PII and secrets in `text`. Findings are sorted by start and never
 * overlap. `options.types` (case-insensitive) limits the scan to those types.
 */
export function detectSensitive(text: string, options: DetectOptions = {}): Finding[] {
  const wanted = requestedTypes(options.types);
  if (text.length === 0 || wanted?.size === 0) return [];
  const found: Finding[] = [];
  for (const detector of DETECTORS) {
    if (wanted && !detector.types.some((type) => wanted.has(type))) continue;
    detector.scan(text, found);
  }
  const relevant = wanted ? found.filter((finding) => wanted.has(finding.type)) : found;
  return resolveOverlaps(relevant);
}
