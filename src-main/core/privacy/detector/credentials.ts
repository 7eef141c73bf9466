import { eachMatch, push, words } from './scan';
import type { Detector, Finding } from './types';

// Credentials written into text: passwords in assignments and flags, AWS
// secret keys next to their name, and URLs with a user and password. The
// finding covers the value (for URLs, the whole URL) so that masking keeps
// the name readable: `DB_PASSWORD=[SECRET:PASSWORD]`.

/** Values that stand for a password without being one. */
const PLACEHOLDERS = new Set(
  words(
    'password passwd pass pwd passphrase secret null none nil undefined true false string ' +
      'str number any bool boolean text hidden required optional empty todo tbd redacted ' +
      'example placeholder unknown your_password yourpassword your-password mypassword ' +
      'my_password new_password',
  ),
);

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (PLACEHOLDERS.has(v.toLowerCase())) return true;
  // Masked values and template or environment references.
  if (/^[*xX•.\u2022_#-]+$/.test(v)) return true;
  if (
    /^(?:\$\{|\{\{|\$\(|<|%\(|%s|\$[A-Z_]|\[redacted|process\.env|os\.environ|os\.getenv|env\(|getenv|ENV\[|secrets\.|vault:)/i.test(
      v,
    )
  )
    return true;
  return false;
}

/** Unquoted values that read as code: a call, an index, a member access, or a variable named for what it holds. */
function looksLikeCode(value: string): boolean {
  if (/[([{]/.test(value)) return true;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return true;
  return (
    /^[A-Za-z_$][\w$]*$/.test(value) &&
    /pass|pwd|secret|hash|token|input|value|param|arg|cred/i.test(value)
  );
}

// password, passwd, passphrase, pwd or pass, the end of a key name (DB_PASSWORD, userPassword,
// "password"), then = : := => and a quoted or bare value.
const ASSIGNMENT =
  /(pass(?:word|wd|phrase)?|pwd)(["'\]]?)[ \t]{0,4}(:=|=>|==?|:)[ \t]{0,4}(?:"([^"\r\n]{1,200})"|'([^'\r\n]{1,200})'|([^\s"'`,;&)}\]<>]{1,200}))/gi;
const FLAG =
  /(?<![\w-])--(?:password|passwd|pass)[ \t]{1,4}(?:"([^"\r\n]{1,200})"|'([^'\r\n]{1,200})'|([^\s"'`;&|]{1,200}))/gi;
const PROSE = /(?<![a-z])password (?:is|was)[ \t]{0,2}:?[ \t]{1,3}["'“]?([^\s"'”]{4,64})/gi;
const PROSE_CJK =
  /(?:密码|密碼|口令|パスワード)[ \t]{0,2}(?:是|为|為|：|:|は)[ \t]{0,2}([^\s，。、,;；"'“”]{4,64})/gu;

/** Whether the keyword ends a key name here rather than sitting inside a word ("compass", "bypass"). */
function keywordBoundary(text: string, index: number, keyword: string): boolean {
  if (index === 0) return true;
  const previous = text[index - 1] ?? '';
  if (!/[A-Za-z]/.test(previous)) return true;
  // camelCase: userPassword, dbPwd.
  if (/[a-z]/.test(previous) && /^[A-Z]/.test(keyword)) return true;
  // ALLCAPS run-ons like PGPASSWORD, but not BYPASS.
  return /[A-Z]/.test(previous) && /^PASS(?:WORD|WD|PHRASE)$/.test(keyword);
}

function pushValue(
  out: Finding[],
  matchEnd: number,
  value: string,
  quoted: boolean,
  confidence: number,
): void {
  const end = quoted ? matchEnd - 1 : matchEnd;
  push(out, 'PASSWORD', end - value.length, end, confidence);
}

export const passwordDetector: Detector = {
  types: ['PASSWORD'],
  scan(text: string, out: Finding[]): void {
    eachMatch(ASSIGNMENT, text, (m) => {
      const [whole, keyword = '', , operator, double, single, bare] = m;
      if (operator === '==') return;
      if (!keywordBoundary(text, m.index, keyword)) return;
      const value = double ?? single ?? bare ?? '';
      if (isPlaceholder(value)) return;
      if (bare !== undefined && looksLikeCode(bare)) return;
      // "pass: 1542" is a test count; a bare "pass" needs a value that is not just digits.
      if (keyword.toLowerCase() === 'pass' && /^\d+$/.test(value)) return;
      // PWD=/home/me is the working directory, not a password.
      if (keyword.toLowerCase() === 'pwd' && /^(?:[/~]|[A-Za-z]:\\)/.test(value)) return;
      const quoted = bare === undefined;
      pushValue(out, m.index + whole.length, value, quoted, quoted ? 0.85 : 0.75);
    });
    eachMatch(FLAG, text, (m) => {
      const value = m[1] ?? m[2] ?? m[3] ?? '';
      if (isPlaceholder(value)) return;
      pushValue(out, m.index + m[0].length, value, m[3] === undefined, 0.8);
    });
    eachMatch(PROSE, text, (m) => {
      const value = (m[1] ?? '').replace(/[.,;:!?)]+$/, '');
      // Prose needs more than a plain word: "the password is required" is not one.
      if (isPlaceholder(value) || /^[A-Za-z]+$/.test(value)) return;
      const start = m.index + m[0].length - (m[1] ?? '').length;
      push(out, 'PASSWORD', start, start + value.length, 0.7);
    });
    eachMatch(PROSE_CJK, text, (m) => {
      const value = m[1] ?? '';
      if (isPlaceholder(value)) return;
      push(out, 'PASSWORD', m.index + m[0].length - value.length, m.index + m[0].length, 0.75);
    });
  },
};

// ---- AWS secret access keys ------------------------------------------------------------

// 40 characters of [A-Za-z0-9/+] after a name that says what it is.
const AWS_SECRET =
  /(?<![A-Za-z0-9])(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)(["']?)[ \t]{0,4}(?::=|=>|=|:)[ \t]{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;

export const awsSecretDetector: Detector = {
  types: ['AWS_SECRET_KEY'],
  scan(text: string, out: Finding[]): void {
    eachMatch(AWS_SECRET, text, (m) => {
      const value = m[2] ?? '';
      const end = m.index + m[0].length;
      push(out, 'AWS_SECRET_KEY', end - value.length, end, 0.9);
    });
  },
};

// ---- connection strings ------------------------------------------------------------------

// scheme://user:password@host[:port][/path]: postgres, mysql, mongodb+srv, redis, amqp, https…
const CONNECTION =
  /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/([^\s:@/?#"'<>`]{1,128}):([^\s@/"'<>`]{1,256})@(?:[A-Za-z0-9.\-_]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?(?:[/?][^\s"'<>`]{0,512})?/g;

export const connectionStringDetector: Detector = {
  types: ['CONNECTION_STRING'],
  scan(text: string, out: Finding[]): void {
    if (!text.includes('://')) return;
    eachMatch(CONNECTION, text, (m) => {
      const password = m[2] ?? '';
      if (isPlaceholder(decodeSafe(password))) return;
      // Sentence punctuation after a URL is not part of it.
      const trimmed = m[0].replace(/[.,;:!?)\]}]+$/, '');
      push(out, 'CONNECTION_STRING', m.index, m.index + trimmed.length, 0.9);
    });
  },
};

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
