// Language-code tables for the n-gram detector (`eld`, 60 languages).
// Upstream (lingua) names languages by ISO 639-1 code; eld does too, except
// that it reports Norwegian as `no` where lingua says `nb` (Bokmål).

const ELD_TO_RULE_CODE: Readonly<Record<string, string>> = { no: 'nb' };

/** The ISO 639-1 code a rule names for the language eld reports as `eldCode`. */
export function toRuleCode(eldCode: string): string {
  return ELD_TO_RULE_CODE[eldCode] ?? eldCode;
}

/**
 * eld's languages grouped by script. A language whose n-grams did not fire
 * at all is still a plausible reading of a text in its own script (so it
 * takes probability from the winner on short texts), but not of a text in
 * another script. Languages absent here are alone in their script (Greek,
 * Hebrew, Thai, Korean, …).
 */
const SCRIPT_GROUPS: readonly (readonly string[])[] = [
  'az ca cs da de en es et eu fi fr hr hu is it lt lv ms nl no pl pt ro sk sl sq sv tl tr vi yo', // Latin
  'be bg ru sr uk', // Cyrillic
  'ar fa ku ur', // Arabic
  'hi mr', // Devanagari
  'ja zh', // Han
].map((codes) => codes.split(' '));

const GROUP_OF: ReadonlyMap<string, readonly string[]> = new Map(
  SCRIPT_GROUPS.flatMap((group) => group.map((code) => [code, group] as const)),
);

/** eld codes written in the same script as `eldCode`, itself included. */
export function sameScriptLanguages(eldCode: string): readonly string[] {
  return GROUP_OF.get(eldCode) ?? [eldCode];
}
