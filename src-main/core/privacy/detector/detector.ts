// The deterministic PII and secrets detector: pure, synchronous, and linear
// in the length of the text. It finds emails, phone numbers, payment cards
// (Luhn), IBANs (mod 97), US SSNs, UK NHS (mod 11) and NI numbers, other
// national ids and passports, IP addresses, reliable street-address shapes,
// provider API keys and tokens, private key blocks, JWTs, passwords and
// connection strings with credentials. Each finding has a type, a span and a
// confidence. This is the module's entry point.

export { DetectorError, detectSensitive } from './detect';
export type { DetectorErrorCode } from './detect';
export { defaultMask, maskFindings } from './mask';
export { detectInMessages, forEachMessageText } from './messages';
export type { MessageFinding, ScannableMessage, TextPlace } from './messages';
export { PII_TYPES, SECRET_TYPES, SENSITIVE_TYPES } from './types';
export type {
  DetectOptions,
  Finding,
  FindingCategory,
  PiiType,
  SecretType,
  SensitiveType,
} from './types';
