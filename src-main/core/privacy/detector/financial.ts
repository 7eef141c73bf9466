import { ibanValid, luhnValid } from './checksums';
import { digitsOf, eachMatch, push } from './scan';
import type { Detector, Finding } from './types';

// Payment card numbers (issuer prefix, length and Luhn) and IBANs (country
// length and mod-97).

// 13–19 digits in one run, or the printed groupings: 4-4-4-4(-3), 4-6-5 (Amex), 4-6-4 (Diners);
// not when more groups follow (a 22-digit parcel number is not a card).
const CARD =
  /(?<![\w.+\-/])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{4,5})(?![\w]|[.-]\d|\1\d|\2\d)/g;

interface Brand {
  name: string;
  prefix: RegExp;
  lengths: readonly number[];
}

const BRANDS: readonly Brand[] = [
  { name: 'visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'mastercard', prefix: /^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/, lengths: [16] },
  { name: 'amex', prefix: /^3[47]/, lengths: [15] },
  { name: 'discover', prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { name: 'unionpay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { name: 'jcb', prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { name: 'diners', prefix: /^3(?:0[0-5]|[689])/, lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'maestro', prefix: /^(?:5[06-8]|67)/, lengths: [16, 17, 18, 19] },
  { name: 'mir', prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] },
];

export function cardBrand(digits: string): string | undefined {
  for (const brand of BRANDS)
    if (brand.prefix.test(digits) && brand.lengths.includes(digits.length)) return brand.name;
  return undefined;
}

export const cardDetector: Detector = {
  types: ['CREDIT_CARD'],
  scan(text: string, out: Finding[]): void {
    eachMatch(CARD, text, (m) => {
      const digits = digitsOf(m[0]);
      // A run of one repeated digit is a placeholder, not a card.
      if (/^(\d)\1+$/.test(digits)) return;
      const brand = cardBrand(digits);
      if (brand === undefined || !luhnValid(digits)) return;
      const grouped = digits.length !== m[0].length;
      push(out, 'CREDIT_CARD', m.index, m.index + m[0].length, grouped ? 0.95 : 0.9, brand);
    });
  },
};

// Compact (DE89370400440532013000) or printed in groups of four (DE89 3704 0044 0532 0130 00).
const IBAN =
  /(?<![\w])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![\w])/g;

export const ibanDetector: Detector = {
  types: ['IBAN_CODE'],
  scan(text: string, out: Finding[]): void {
    eachMatch(IBAN, text, (m) => {
      if (!ibanValid(m[0].replace(/ /g, ''))) return;
      push(out, 'IBAN_CODE', m.index, m.index + m[0].length, 0.95);
    });
  },
};
