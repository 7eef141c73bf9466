// Check-digit rules the detector relies on to tell real identifiers from
// look-alike digit runs. Every function takes the bare characters (no
// spaces or dashes) and never throws.

const code0 = 48;
const digitAt = (value: string, index: number): number => value.charCodeAt(index) - code0;

/** Luhn (mod 10), used by payment cards and Canadian SINs. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digitAt(digits, i);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** IBAN length per country (ISO 13616 registry). Unlisted countries are not accepted. */
export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 ' +
    'DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 ' +
    'HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 ' +
    'MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 ' +
    'RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 ' +
    'VA22 VG24 XK20 YE30'
  )
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))] as const),
);

/** The ISO 7064 mod-97 remainder of an alphanumeric string (letters count A=10 … Z=35). */
export function mod97(value: string): number {
  let remainder = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) remainder = (remainder * 10 + (code - 48)) % 97;
    else if (code >= 65 && code <= 90) remainder = (remainder * 100 + (code - 55)) % 97;
    else return -1;
  }
  return remainder;
}

/** An IBAN (upper case, no spaces): known country, its length, and mod-97 of the rearranged value is 1. */
export function ibanValid(iban: string): boolean {
  const expected = IBAN_LENGTHS.get(iban.slice(0, 2));
  if (expected === undefined || iban.length !== expected) return false;
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** UK NHS number: 10 digits, weights 10…2 over the first nine, check = 11 − (sum mod 11); 10 is never issued. */
export function nhsValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(digits, i) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === digitAt(digits, 9);
}

/** US SSN: area never 000, 666 or 900–999; group never 00; serial never 0000. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

const NINO_FORBIDDEN_PAIRS = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * UK National Insurance number prefix: D, F, I, Q, U and V are never used as
 * either letter, O never as the second, and BG, GB, KN, NK, NT, TN, ZZ are not allocated.
 */
export function ninoPrefixValid(prefix: string): boolean {
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]$/.test(prefix)) return false;
  return !NINO_FORBIDDEN_PAIRS.has(prefix);
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Verhoeff (dihedral group D5), used by India's Aadhaar numbers. */
export function verhoeffValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digitAt(digits, digits.length - 1 - i);
    c = VERHOEFF_D[c]?.[VERHOEFF_P[i % 8]?.[digit] ?? 0] ?? 0;
  }
  return c === 0;
}

/** Whether YYYY MM DD is a real calendar date between 1900 and 2099. */
export function dateValid(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

/** Chinese resident identity number (18 chars): a birth date at 7–14 and an ISO 7064 MOD 11-2 check. */
export function cnResidentIdValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!dateValid(year, month, day)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += digitAt(id, i) * (CN_WEIGHTS[i] ?? 0);
  return CN_CHECK[sum % 11] === id[17];
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter): letter = table[number mod 23]. */
export function esIdValid(value: string): boolean {
  let body = value.slice(0, -1);
  const letter = value.slice(-1);
  const lead = 'XYZ'.indexOf(body[0] ?? '');
  if (lead >= 0) body = String(lead) + body.slice(1);
  if (!/^\d{8}$/.test(body)) return false;
  return DNI_LETTERS[Number(body) % 23] === letter;
}

/** French NIR (15 digits, mainland departments): key = 97 − (first 13 digits mod 97). */
export function frNirValid(digits: string): boolean {
  if (!/^[12]\d{14}$/.test(digits)) return false;
  const month = Number(digits.slice(3, 5));
  if (month < 1 || (month > 12 && month < 20)) return false;
  return 97 - mod97(digits.slice(0, 13)) === Number(digits.slice(13));
}

const CF_ODD = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/** Italian codice fiscale (16 chars): the last letter checks the first 15 (odd/even position tables). */
export function itFiscalCodeValid(code: string): boolean {
  if (!/^[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = code.charCodeAt(i);
    const index = c <= 57 ? c - 48 : c - 65;
    // Positions are counted from 1: odd positions use the odd table.
    sum += i % 2 === 0 ? (CF_ODD[index] ?? 0) : index;
  }
  return String.fromCharCode(65 + (sum % 26)) === code[15];
}

/** Brazilian CPF (11 digits): two mod-11 check digits; all-equal digit runs are invalid. */
export function brCpfValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  for (const length of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += digitAt(digits, i) * (length + 1 - i);
    const check = ((sum * 10) % 11) % 10;
    if (check !== digitAt(digits, length)) return false;
  }
  return true;
}

/** ICAO 9303 machine-readable-zone check digit: weights 7, 3, 1; A=10 … Z=35, '<' = 0. */
export function mrzCheckDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    const value = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
    sum += value * (weights[i % 3] ?? 1);
  }
  return sum % 10;
}
