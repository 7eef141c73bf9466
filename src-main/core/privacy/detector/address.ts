import { eachMatch, push, words } from './scan';
import type { Detector, Finding } from './types';

// Street addresses, only where the shape is reliable: a house number, one to
// four capitalised name words and a street-type word (US and UK style),
// optionally a unit, a city with a US state and ZIP code or a UK postcode.
// Confidence stays modest (0.6) unless the city/state/ZIP or postcode tail is
// there too (0.8): title-case prose can still look like a street.

const SUFFIXES = words(
  'Street St Avenue Ave Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Place Pl ' +
    'Terrace Way Parkway Pkwy Highway Hwy Circle Cir Square Sq Crescent Close Gardens ' +
    'Grove Mews Row Alley Trail Loop Plaza Pike',
).join('|');

const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';

const STREET = new RegExp(
  '(?<![\\w.,\\-/#])' +
    '\\d{1,5}[A-Za-z]?' + // house number (221B)
    '(?: (?:[NSEW]\\.?|[A-Z][a-z]{1,20}|\\d{1,3}(?:st|nd|rd|th))){1,4}' + // N. / Main / 5th
    ` (?:${SUFFIXES})\\.?` +
    '(?: (?:N|S|E|W|NE|NW|SE|SW)\\.?)?' + // post-directional (Avenue NW)
    '(?![\\w])' +
    '(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\\.? ?#?[A-Za-z0-9\\-]{1,6}(?![\\w]))?' + // unit
    '(?:' +
    `,? [A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2},? (?:${US_STATES}) \\d{5}(?:-\\d{4})?(?![\\w\\-])` + // city, ST 12345
    '|,? [A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2},? [A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}(?![\\w])' + // city POSTCODE
    ')?',
  'g',
);

export const addressDetector: Detector = {
  types: ['STREET_ADDRESS'],
  scan(text: string, out: Finding[]): void {
    eachMatch(STREET, text, (m) => {
      const withTail = /(?:\d{5}(?:-\d{4})?|\d[A-Z]{2})$/.test(m[0]);
      push(out, 'STREET_ADDRESS', m.index, m.index + m[0].length, withTail ? 0.8 : 0.6);
    });
  },
};
