import { eachMatch, push } from './scan';
import type { Detector, Finding, SecretType } from './types';

// Provider keys and tokens recognised by their documented prefixes, private
// key blocks and JWTs. Each pattern starts with a fixed prefix, which the
// regular-expression engine finds with a fast literal search.
//
// Formats relied on:
// - AWS access key IDs: 20 characters, upper-case letters and digits; AKIA =
//   long-term IAM user keys, ASIA = temporary STS keys (AWS STS
//   GetAccessKeyInfo docs); ABIA (STS service bearer token) and ACCA
//   (context-specific credential) are further IAM identifier prefixes.
// - GitHub: ghp_ (personal access token), gho_ (OAuth), ghu_ (app
//   user-to-server), ghs_ (app server-to-server), ghr_ (refresh), each with
//   36 characters from [A-Za-z0-9] today and "up to 255 characters" announced;
//   github_pat_ for fine-grained personal access tokens (GitHub changelog,
//   2021-03-31; token format blog).
// - GitLab: glpat- (personal, project and group access tokens), gldt- (deploy
//   tokens), glrt- (runner authentication tokens).
// - Slack: xoxb- (bot), xoxp- (user), xapp- (app-level), xoxe.xoxp-
//   (configuration), xoxa- (retired workspace-app tokens), xoxc-/xoxd-
//   (browser session token and cookie).
// - Stripe: sk_ (secret) and rk_ (restricted) keys, _live_ or _test_. pk_
//   keys are publishable by design and not reported. Test keys cannot act on
//   live data, so they score lower.
// - OpenAI: sk-proj- (project), sk-svcacct- (service account), sk-admin-
//   (admin); legacy user keys are sk- + 48 characters with "T3BlbkFJ" (base64
//   of "OpenAI") in the middle. A bare sk- + 32–64 characters is reported with
//   low confidence: other providers use sk- too.
// - Anthropic: sk-ant-api03- (API keys), sk-ant-oat01- (OAuth tokens) and
//   other sk-ant-<kind><NN>- forms.
// - Google API keys: AIza + 35 characters from [0-9A-Za-z_-] (39 in all).

interface PrefixRule {
  type: SecretType;
  pattern: RegExp;
  confidence: number | ((match: RegExpExecArray) => number);
  subtype?: string;
}

const RULES: readonly PrefixRule[] = [
  {
    type: 'AWS_ACCESS_KEY',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    confidence: 0.95,
  },
  {
    type: 'GITHUB_TOKEN',
    pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])/g,
    confidence: 0.95,
  },
  {
    type: 'GITHUB_TOKEN',
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{40,244}(?![A-Za-z0-9_])/g,
    confidence: 0.95,
  },
  {
    type: 'GITLAB_TOKEN',
    pattern:
      /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt)-[A-Za-z0-9_-]{20,255}(?:\.[A-Za-z0-9]{1,16}){0,2}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
  },
  {
    type: 'SLACK_TOKEN',
    pattern:
      /(?<![A-Za-z0-9_-])(?:xox[abpcd]-|xoxe\.xoxp-|xapp-)(?=[A-Za-z0-9-]{0,250}\d)[A-Za-z0-9-]{15,250}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
  },
  {
    type: 'STRIPE_KEY',
    pattern: /(?<![A-Za-z0-9_])[sr]k_(live|test)_[A-Za-z0-9]{20,128}(?![A-Za-z0-9_])/g,
    confidence: (m) => (m[1] === 'live' ? 0.95 : 0.7),
  },
  {
    type: 'ANTHROPIC_API_KEY',
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[a-z]{3,8}\d{2}-[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
  },
  {
    type: 'OPENAI_API_KEY',
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
  },
  {
    type: 'OPENAI_API_KEY',
    pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
  },
  {
    type: 'OPENAI_API_KEY',
    pattern: /(?<![A-Za-z0-9_-])sk-(?=[A-Za-z]{0,63}\d)[A-Za-z0-9]{32,64}(?![A-Za-z0-9_-])/g,
    confidence: 0.6,
    subtype: 'GENERIC_SK',
  },
  {
    type: 'GOOGLE_API_KEY',
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    confidence: 0.9,
  },
];

export const providerKeyDetector: Detector = {
  types: [...new Set(RULES.map((rule) => rule.type))],
  scan(text: string, out: Finding[]): void {
    for (const rule of RULES) {
      eachMatch(rule.pattern, text, (m) => {
        const confidence =
          typeof rule.confidence === 'number' ? rule.confidence : rule.confidence(m);
        push(out, rule.type, m.index, m.index + m[0].length, confidence, rule.subtype);
      });
    }
  },
};

// ---- private key blocks --------------------------------------------------------------

const KEY_HEADER = /-----BEGIN ((?:[A-Z0-9]{1,12} ){0,3})PRIVATE KEY( BLOCK)?-----/g;
/** Longest block looked for: a 16384-bit RSA key in PEM is about 12 KB. */
const MAX_KEY_BLOCK = 32 * 1024;
const BASE64_LINE = /^[A-Za-z0-9+/=]{16,}$|^[A-Za-z-]+: .*$|^$/;

export const privateKeyDetector: Detector = {
  types: ['PRIVATE_KEY'],
  scan(text: string, out: Finding[]): void {
    if (!text.includes('-----BEGIN ')) return;
    let resumeAt = 0;
    eachMatch(KEY_HEADER, text, (m) => {
      if (m.index < resumeAt) return;
      const label = `${m[1] ?? ''}PRIVATE KEY${m[2] ?? ''}`;
      const footer = `-----END ${label}-----`;
      const bodyStart = m.index + m[0].length;
      const footerAt = text.indexOf(footer, bodyStart);
      let end: number;
      if (footerAt !== -1 && footerAt - bodyStart <= MAX_KEY_BLOCK) {
        end = footerAt + footer.length;
      } else {
        // A truncated block: take the base64 lines that follow the header.
        end = bodyStart;
        const limit = Math.min(text.length, bodyStart + MAX_KEY_BLOCK);
        while (end < limit) {
          const lineStart = text[end] === '\r' ? end + 2 : text[end] === '\n' ? end + 1 : end;
          let lineEnd = text.indexOf('\n', lineStart);
          if (lineEnd === -1 || lineEnd > limit) lineEnd = limit;
          const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
          if (lineStart === lineEnd || !BASE64_LINE.test(line)) break;
          end = lineStart + line.length;
        }
      }
      push(out, 'PRIVATE_KEY', m.index, end, 0.99);
      resumeAt = end;
    });
  },
};

// ---- JWTs ---------------------------------------------------------------------------------

// header.payload.signature in base64url; header and payload are JSON objects, so both
// start with "eyJ" (base64 of '{"'). The header must decode to JSON naming an algorithm.
const JWT =
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2048}\.eyJ[A-Za-z0-9_-]{4,16384}\.[A-Za-z0-9_-]{0,2048}(?![A-Za-z0-9_-])/g;

function jwtHeaderValid(encoded: string): boolean {
  const decoded = Buffer.from(encoded, 'base64url').toString('utf8');
  // Cheap shape check first: most candidates fail here, without a parse error to throw.
  if (!decoded.startsWith('{"') || !decoded.trimEnd().endsWith('}') || !decoded.includes('"alg"'))
    return false;
  try {
    const header: unknown = JSON.parse(decoded);
    return (
      typeof header === 'object' &&
      header !== null &&
      typeof (header as { alg?: unknown }).alg === 'string'
    );
  } catch {
    return false;
  }
}

export const jwtDetector: Detector = {
  types: ['JWT'],
  scan(text: string, out: Finding[]): void {
    eachMatch(JWT, text, (m) => {
      const header = m[0].slice(0, m[0].indexOf('.'));
      if (!jwtHeaderValid(header)) return;
      push(out, 'JWT', m.index, m.index + m[0].length, 0.95);
    });
  },
};
