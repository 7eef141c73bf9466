// Types of the deterministic PII and secrets detector. PII labels follow the
// upper-case names the upstream PII model reports (EMAIL_ADDRESS, US_SSN, …),
// so a rule's `pii_types_allowed` reads the same for either method.

export const PII_TYPES = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'UK_NHS',
  'UK_NINO',
  'NATIONAL_ID',
  'PASSPORT',
  'IP_ADDRESS',
  'STREET_ADDRESS',
] as const;

export const SECRET_TYPES = [
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'GITHUB_TOKEN',
  'GITLAB_TOKEN',
  'SLACK_TOKEN',
  'STRIPE_KEY',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'GOOGLE_API_KEY',
  'PRIVATE_KEY',
  'JWT',
  'PASSWORD',
  'CONNECTION_STRING',
] as const;

/** Every type the detector can report. */
export const SENSITIVE_TYPES = [...PII_TYPES, ...SECRET_TYPES] as const;

export type PiiType = (typeof PII_TYPES)[number];
export type SecretType = (typeof SECRET_TYPES)[number];
export type SensitiveType = PiiType | SecretType;
export type FindingCategory = 'pii' | 'secret';

export interface Finding {
  type: SensitiveType;
  /** UTF-16 offset of the first character, as `String.prototype.slice` counts. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
  /** 0–1: how sure the pattern is (checksums and documented prefixes score high). */
  confidence: number;
  category: FindingCategory;
  /** The narrower kind, where the type covers several (e.g. `ES_DNI` for NATIONAL_ID). */
  subtype?: string;
}

export interface DetectOptions {
  /** Only these types are looked for (and reported). Default: every type. */
  types?: readonly string[];
}

/** One family of patterns: the types it can report and a scan that appends findings. */
export interface Detector {
  readonly types: readonly SensitiveType[];
  scan(text: string, out: Finding[]): void;
}

const SECRET_SET: ReadonlySet<string> = new Set(SECRET_TYPES);

export function categoryOf(type: SensitiveType): FindingCategory {
  return SECRET_SET.has(type) ? 'secret' : 'pii';
}

export function isSensitiveType(type: string): type is SensitiveType {
  return (SENSITIVE_TYPES as readonly string[]).includes(type);
}
