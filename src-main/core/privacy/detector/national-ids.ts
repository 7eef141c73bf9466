import {
  brCpfValid,
  cnResidentIdValid,
  esIdValid,
  frNirValid,
  itFiscalCodeValid,
  luhnValid,
  mrzCheckDigit,
  nhsValid,
  ninoPrefixValid,
  ssnValid,
  verhoeffValid,
} from './checksums';
import { contextWords, digitsOf, eachMatch, hasContext, push } from './scan';
import type { Detector, Finding } from './types';

// Government identifiers. Formats with a check digit are reported on their
// own; formats without one (bare nine-digit SSNs, passport numbers) only next
// to a word that names them.

// ---- US SSN -------------------------------------------------------------------

const SSN = /(?<![\w\-./])(\d{3})([ -])(\d{2})\2(\d{4})(?![\w]|[.\-/]\d)/g;
const SSN_BARE = /(?<![\w\-./])\d{9}(?![\w]|[.\-/]\d)/g;
const SSN_WORDS = contextWords(['ssn', 'social security', 'soc. sec', 'ss#', 'ss #']);

export const ssnDetector: Detector = {
  types: ['US_SSN'],
  scan(text: string, out: Finding[]): void {
    eachMatch(SSN, text, (m) => {
      const [, area = '', separator, group = '', serial = ''] = m;
      if (!ssnValid(area, group, serial)) return;
      const context = hasContext(text, m.index, SSN_WORDS);
      const confidence = context ? 0.95 : separator === '-' ? 0.85 : 0.6;
      push(out, 'US_SSN', m.index, m.index + m[0].length, confidence);
    });
    eachMatch(SSN_BARE, text, (m) => {
      const v = m[0];
      if (!ssnValid(v.slice(0, 3), v.slice(3, 5), v.slice(5))) return;
      if (!hasContext(text, m.index, SSN_WORDS)) return;
      push(out, 'US_SSN', m.index, m.index + v.length, 0.8);
    });
  },
};

// ---- UK NHS number and National Insurance number ------------------------------

const NHS = /(?<![\w\-./])\d{3}([ -]?)\d{3}\1\d{4}(?![\w]|[.\-/]\d)/g;
const NHS_WORDS = contextWords(['nhs']);

export const nhsDetector: Detector = {
  types: ['UK_NHS'],
  scan(text: string, out: Finding[]): void {
    eachMatch(NHS, text, (m) => {
      if (!nhsValid(digitsOf(m[0]))) return;
      const context = hasContext(text, m.index, NHS_WORDS, 40);
      const separator = m[1];
      // Unlabelled, only the NHS's own spaced 3-3-4 display counts (a tenth of random numbers pass mod 11).
      if (!context && separator !== ' ') return;
      push(out, 'UK_NHS', m.index, m.index + m[0].length, context ? 0.9 : 0.55);
    });
  },
};

const NINO = /(?<![\w])([A-Z]{2})( ?)(\d{2})\2(\d{2})\2(\d{2})\2([A-D])(?![\w])/g;

export const ninoDetector: Detector = {
  types: ['UK_NINO'],
  scan(text: string, out: Finding[]): void {
    eachMatch(NINO, text, (m) => {
      if (!ninoPrefixValid(m[1] ?? '')) return;
      const spaced = m[2] === ' ';
      push(out, 'UK_NINO', m.index, m.index + m[0].length, spaced ? 0.85 : 0.75);
    });
  },
};

// ---- other national identity numbers --------------------------------------------

const ES_ID = /(?<![\w-])(?:\d{8}|[XYZ]-?\d{7})-?[A-HJ-NP-TV-Z](?![\w])/g;
const FR_NIR = /(?<![\w\-.])[12] ?\d{2} ?\d{2} ?\d{2} ?\d{3} ?\d{3} ?\d{2}(?![\w]|[.-]\d)/g;
const IT_CF = /(?<![\w])[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z](?![\w])/g;
const CN_RIC = /(?<![\w\-.])\d{17}[\dX](?![\w]|[.-]\d)/g;
const IN_AADHAAR = /(?<![\w\-./])[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?![\w]|[.\-/ ]\d)/g;
const AADHAAR_WORDS = contextWords(['aadhaar', 'aadhar', 'uidai', 'आधार']);
const CA_SIN = /(?<![\w\-./])\d{3}([ -]?)\d{3}\1\d{3}(?![\w]|[.\-/]\d)/g;
const SIN_WORDS = contextWords(['sin', 'social insurance', 'nas']);
const BR_CPF = /(?<![\w\-./])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w]|[.-]\d)/g;

export const nationalIdDetector: Detector = {
  types: ['NATIONAL_ID'],
  scan(text: string, out: Finding[]): void {
    eachMatch(ES_ID, text, (m) => {
      if (!esIdValid(m[0].replace(/-/g, ''))) return;
      const subtype = /^[XYZ]/.test(m[0]) ? 'ES_NIE' : 'ES_DNI';
      push(out, 'NATIONAL_ID', m.index, m.index + m[0].length, 0.85, subtype);
    });
    eachMatch(FR_NIR, text, (m) => {
      const value = m[0];
      // Either compact or spaced the usual way (1 85 05 78 006 084 36); no stray single spaces.
      if (value.includes(' ') && !/^\d \d{2} \d{2} \d{2} \d{3} \d{3} \d{2}$/.test(value)) return;
      if (!frNirValid(digitsOf(value))) return;
      push(out, 'NATIONAL_ID', m.index, m.index + value.length, 0.85, 'FR_NIR');
    });
    eachMatch(IT_CF, text, (m) => {
      if (!itFiscalCodeValid(m[0])) return;
      push(out, 'NATIONAL_ID', m.index, m.index + m[0].length, 0.9, 'IT_FISCAL_CODE');
    });
    eachMatch(CN_RIC, text, (m) => {
      if (!cnResidentIdValid(m[0])) return;
      push(out, 'NATIONAL_ID', m.index, m.index + m[0].length, 0.9, 'CN_RESIDENT_ID');
    });
    eachMatch(IN_AADHAAR, text, (m) => {
      const digits = digitsOf(m[0]);
      if (!verhoeffValid(digits)) return;
      const context = hasContext(text, m.index, AADHAAR_WORDS, 40);
      // Unlabelled, only the printed 4-4-4 grouping with spaces.
      if (!context && m[1] !== ' ') return;
      push(out, 'NATIONAL_ID', m.index, m.index + m[0].length, context ? 0.9 : 0.6, 'IN_AADHAAR');
    });
    eachMatch(CA_SIN, text, (m) => {
      if (!luhnValid(digitsOf(m[0]))) return;
      if (!hasContext(text, m.index, SIN_WORDS, 32)) return;
      push(out, 'NATIONAL_ID', m.index, m.index + m[0].length, 0.8, 'CA_SIN');
    });
    eachMatch(BR_CPF, text, (m) => {
      if (!brCpfValid(digitsOf(m[0]))) return;
      push(out, 'NATIONAL_ID', m.index, m.index + m[0].length, 0.9, 'BR_CPF');
    });
  },
};

// ---- passports ---------------------------------------------------------------------

// A passport number next to the word: "passport no. 123456789", "护照号码：E12345678".
const PASSPORT_LABELLED =
  /(?:passport|passeport|pasaporte|passaporto|reisepass|paspoort|护照|護照|パスポート|여권)(?:[ \t]{0,2}(?:no\.?|number|num\.?|nr\.?|#|n°|号码|號碼|番号|번호))?[ \t]{0,2}[:：#]?[ \t]{0,2}([A-Z0-9]{6,9})(?![\w])/gi;

// Machine-readable zone of a passport (ICAO 9303 TD3), line 2: number, nationality,
// birth date, sex, expiry and personal number, with check digits that must agree.
// Found from its middle (birth date and check, sex, expiry and check; the nationality
// before it is letters), then read whole.
const MRZ_ANCHOR = /(?<!\d)\d{7}[MFX<]\d{7}/g;
const MRZ_LINE2 =
  /([A-Z0-9<]{9})(\d)([A-Z<]{3})(\d{6})(\d)([MFX<])(\d{6})(\d)([A-Z0-9<]{14})([\d<])(\d)(?![A-Z0-9<])/y;
const MRZ_LINE1 = /P[A-Z<][A-Z<]{3}[A-Z<]{39}\r?\n$/;
/** Characters of line 2 before the birth date: number (9), its check digit, nationality (3). */
const MRZ_BEFORE_BIRTH = 13;

export const passportDetector: Detector = {
  types: ['PASSPORT'],
  scan(text: string, out: Finding[]): void {
    eachMatch(PASSPORT_LABELLED, text, (m) => {
      const value = m[1] ?? '';
      if (!/\d/.test(value) || /^\d{1,5}$/.test(value)) return;
      const start = m.index + m[0].length - value.length;
      push(out, 'PASSPORT', start, start + value.length, 0.8);
    });
    eachMatch(MRZ_ANCHOR, text, (anchor) => {
      const lineStart = anchor.index - MRZ_BEFORE_BIRTH;
      if (lineStart < 0 || /[A-Z0-9<]/.test(text[lineStart - 1] ?? '')) return;
      MRZ_LINE2.lastIndex = lineStart;
      const m = MRZ_LINE2.exec(text);
      if (!m) return;
      const [, number = '', numberCheck, , birth = '', birthCheck, , expiry = '', expiryCheck] = m;
      if (mrzCheckDigit(number) !== Number(numberCheck)) return;
      if (mrzCheckDigit(birth) !== Number(birthCheck)) return;
      if (mrzCheckDigit(expiry) !== Number(expiryCheck)) return;
      // Line 1 (document type, issuer and the holder's name) goes with it when it is right above.
      const line1 = MRZ_LINE1.exec(text.slice(Math.max(0, lineStart - 46), lineStart));
      const start = line1 ? lineStart - line1[0].length : lineStart;
      push(out, 'PASSPORT', start, lineStart + m[0].length, 0.95, 'MRZ');
    });
  },
};
