import { before, contextWords, eachMatch, hasContext, isDigit, isWordCode, push } from './scan';
import type { Detector, Finding } from './types';

// IP addresses. Reported: public addresses (0.85) and private, link-local or
// CGNAT ones (0.6; they still map a home or office network). Not reported,
// because they say nothing about anyone: loopback (127.0.0.0/8, ::1), the
// unspecified address (0.0.0.0, ::), broadcast and netmasks (255.x.x.x), and
// multicast, CIDR networks (10.0.0.0/8). Dotted version strings must not
// match: four numbers after "v", "version", "release", "build", a "name/"
// product token or a semver operator are versions, and so are four single
// digits (1.2.3.4) unless a word like "ip", "host" or "dns" comes just before.

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(
  `(?<![\\w.\\-^~=<>])${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}(?![\\w\\-]|\\.\\d)`,
  'g',
);
const VERSION_BEFORE =
  /(?:\bv|\bversion|\bver\.?|\brelease|\brel\.?|\bbuild|\bupdate|\bpatch|\bsection|\bchapter|\bclause|\bfig\.?|\bfigure|\btable|\bstep|§|版本)[ \t]*[:=]?[ \t]*$/;
const IP_WORDS = contextWords([
  'ip',
  'ipv4',
  'address',
  'addr',
  'host',
  'server',
  'dns',
  'ping',
  'gateway',
  'router',
  'subnet',
]);

function ipv4Confidence(octets: readonly number[]): number | undefined {
  const [a = 0, b = 0] = octets;
  if (a === 0 || a === 127 || a >= 224) return undefined; // unspecified, loopback, multicast, reserved, netmasks
  const isPrivate =
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127);
  return isPrivate ? 0.6 : 0.85;
}

function looksLikeVersion(text: string, start: number, octets: readonly number[]): boolean {
  const prefix = before(text, start, 16);
  if (VERSION_BEFORE.test(prefix)) return true;
  // A product token (Chrome/120.0.6099.109) but not a URL (http://10.0.0.1).
  if (prefix.endsWith('/') && !prefix.endsWith('//')) return true;
  if (octets.every((octet) => octet < 10)) return !hasContext(text, start, IP_WORDS, 24);
  return false;
}

// IPv6 candidates are found from each ':' outwards (the colon is the
// prefilter): the longest run of hex digits and colons around it, at most 39
// characters, standing alone (not inside a word, a path or a dotted value).
const MAX_IPV6 = 39;

const isHexOrColon = (c: number) =>
  (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

function ipv6Candidates(text: string, visit: (start: number, end: number) => void): void {
  let colon = text.indexOf(':');
  while (colon !== -1) {
    let start = colon;
    while (start > 0 && colon - start <= MAX_IPV6 && isHexOrColon(text.charCodeAt(start - 1)))
      start--;
    let end = colon + 1;
    while (end < text.length && end - start <= MAX_IPV6 && isHexOrColon(text.charCodeAt(end)))
      end++;
    colon = text.indexOf(':', end + 1);
    if (end - start > MAX_IPV6) {
      // An over-long run: skip the rest of it.
      let from = end;
      while (from < text.length && isHexOrColon(text.charCodeAt(from))) from++;
      colon = text.indexOf(':', from);
      continue;
    }
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const after = end < text.length ? text.charCodeAt(end) : 32;
    if (isWordCode(before) || before === 46 || isWordCode(after)) continue;
    if (after === 46 && isDigit(text.charCodeAt(end + 1))) continue;
    // Cheap shape check before the full one: eight groups (seven colons) or a '::'.
    let colons = 0;
    let double = false;
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) !== 58) continue;
      colons++;
      if (text.charCodeAt(i + 1) === 58) double = true;
    }
    if (colons === 7 || (double && colons >= 2)) visit(start, end);
  }
}

function ipv6Valid(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (groups.some((group) => !/^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

function ipv6Confidence(value: string): number | undefined {
  if (!ipv6Valid(value)) return undefined;
  const groups = value.split(':').filter(Boolean);
  // Needs a digit and two groups: `dead::beef` and `a::b` read as code, not addresses.
  if (groups.length < 2 || !/\d/.test(value)) return undefined;
  const first = value.toLowerCase();
  if (first.startsWith('ff')) return undefined; // multicast
  if (/^f[cd]|^fe[89ab]/.test(first)) return 0.6; // unique-local and link-local
  return 0.85;
}

export const ipDetector: Detector = {
  types: ['IP_ADDRESS'],
  scan(text: string, out: Finding[]): void {
    eachMatch(IPV4, text, (m) => {
      const octets = m[0].split('.').map(Number);
      const confidence = ipv4Confidence(octets);
      if (confidence === undefined || looksLikeVersion(text, m.index, octets)) return;
      // A network in CIDR notation (10.0.0.0/8) is a range, not someone's address.
      if (octets[3] === 0 && text[m.index + m[0].length] === '/') return;
      push(out, 'IP_ADDRESS', m.index, m.index + m[0].length, confidence, 'IPV4');
    });
    ipv6Candidates(text, (start, end) => {
      const confidence = ipv6Confidence(text.slice(start, end));
      if (confidence === undefined) return;
      push(out, 'IP_ADDRESS', start, end, confidence, 'IPV6');
    });
  },
};
