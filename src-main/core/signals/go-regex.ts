// Keyword `method: regex` keywords and structure `regex` sources are Go RE2
// patterns. This translates RE2 syntax into a JavaScript `u`-mode RegExp with
// the same meaning where they differ: flag groups, `\s` (ASCII in RE2), `.`
// (excludes only \n), multi-line `^` and `$` (only \n ends a line), `\z`,
// `\Q…\E`, `\x{…}`, octal escapes, POSIX classes, `\pN` and script names,
// escaped punctuation and literal braces. What RE2 rejects (lookaround,
// backreferences, repeats above 1000) is rejected too, so a config does not
// behave differently here than upstream.
//
// JS (Node 20) cannot scope case-insensitivity, so `i` may only be set for
// the whole pattern (leading `(?i)`/`(?-i)`); other flags are translated
// wherever they appear, so `i` is the only flag a translation ever sets.

export interface TranslatedRegex {
  source: string;
  flags: string;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const GO_SPACE = '\\t\\n\\f\\r ';
/** Everything but RE2's `\s`, as class ranges. */
const GO_NON_SPACE = '\\0-\\x08\\x0b\\x0e-\\x1f\\x21-\\u{10ffff}';

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\0-\\x7f',
  blank: '\\t ',
  cntrl: '\\0-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Unicode general categories RE2 knows; any other `\p` name is a script. */
const CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);

const FLAG_GROUP = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/;
const REPEAT = /^\{(\d+)(?:(,)(\d*))?\}/;
const MAX_REPEAT = 1000;

function hex(code: number): string {
  return `\\u{${code.toString(16)}}`;
}

function isAsciiAlnum(char: string): boolean {
  return /^[0-9A-Za-z]$/.test(char);
}

function range(start: number, end: number): string {
  return start === end ? hex(start) : `${hex(start)}-${hex(end)}`;
}

/** Complement of an ASCII set of class ranges (POSIX classes), as class ranges. */
function complementAscii(ranges: string): string {
  const set = new RegExp(`^[${ranges}]$`, 'u');
  const parts: string[] = [];
  let start = -1;
  for (let code = 0; code < 0x80; code++) {
    const inside = set.test(String.fromCharCode(code));
    if (!inside && start === -1) start = code;
    if (inside && start !== -1) {
      parts.push(range(start, code - 1));
      start = -1;
    }
  }
  parts.push(range(start === -1 ? 0x80 : start, 0x10ffff));
  return parts.join('');
}

class Translator {
  private pos = 0;
  private out = '';
  private flags: Flags;
  private readonly stack: Flags[] = [];
  /** Nothing but flag groups seen so far: a flag group may still set `i` globally. */
  private atStart = true;

  constructor(
    private readonly src: string,
    caseInsensitive: boolean,
  ) {
    this.flags = { i: caseInsensitive, m: false, s: false, U: false };
  }

  private fail(message: string): never {
    throw new Error(`${message} at offset ${this.pos}`);
  }

  run(): TranslatedRegex {
    let globalI = this.flags.i;
    while (this.pos < this.src.length) {
      const char = this.src[this.pos] ?? '';
      if (char === '(' && this.src.startsWith('(?', this.pos)) {
        const flagGroup = FLAG_GROUP.exec(this.src.slice(this.pos));
        if (flagGroup && `${flagGroup[1] ?? ''}${flagGroup[2] ?? ''}` !== '') {
          globalI = this.flagGroup(flagGroup, globalI);
          continue;
        }
      }
      this.atStart = false;
      switch (char) {
        case '\\':
          this.out += this.escape(false);
          break;
        case '[':
          this.out += this.charClass();
          break;
        case '(':
          this.group();
          break;
        case ')':
          this.flags = this.stack.pop() ?? this.fail('unexpected )');
          this.out += ')';
          this.pos += 1;
          break;
        case '.':
          this.out += this.flags.s ? '[\\s\\S]' : '[^\\n]';
          this.pos += 1;
          break;
        case '^':
          this.out += this.flags.m ? '(?<![^\\n])' : '^';
          this.pos += 1;
          break;
        case '$':
          this.out += this.flags.m ? '(?![^\\n])' : '$';
          this.pos += 1;
          break;
        case '*':
        case '+':
        case '?':
          this.pos += 1;
          this.quantifier(char);
          break;
        case '{':
          this.brace();
          break;
        case '}':
        case ']':
          this.out += `\\${char}`;
          this.pos += 1;
          break;
        default:
          this.out += char;
          this.pos += 1;
      }
    }
    if (this.stack.length > 0) this.fail('missing )');
    return { source: this.out, flags: globalI ? 'iu' : 'u' };
  }

  private flagGroup(match: RegExpExecArray, globalI: boolean): boolean {
    const [whole, on = '', off = '', end] = match;
    const next: Flags = { ...this.flags };
    for (const flag of on) next[flag as keyof Flags] = true;
    for (const flag of off) next[flag as keyof Flags] = false;
    let result = globalI;
    if (next.i !== this.flags.i) {
      if (end !== ')' || !this.atStart) {
        this.fail('case-insensitivity can only be switched for the whole pattern');
      }
      result = next.i;
    }
    this.pos += whole.length;
    if (end === ':') {
      this.atStart = false;
      this.stack.push(this.flags);
      this.out += '(?:';
    }
    this.flags = next;
    return result;
  }

  private group(): void {
    const rest = this.src.slice(this.pos);
    const named = /^\(\?P?<([^>]*)>/.exec(rest);
    if (rest.startsWith('(?:')) {
      this.out += '(?:';
      this.pos += 3;
    } else if (named && !rest.startsWith('(?<=') && !rest.startsWith('(?<!')) {
      this.out += `(?<${named[1] ?? ''}>`;
      this.pos += named[0].length;
    } else if (rest.startsWith('(?')) {
      this.fail('unsupported group syntax (RE2 has no lookaround)');
    } else {
      this.out += '(';
      this.pos += 1;
    }
    this.stack.push({ ...this.flags });
  }

  /** Emits a quantifier's laziness, inverted under RE2's `U` flag. */
  private quantifier(text: string): void {
    let lazy = false;
    if (this.src[this.pos] === '?') {
      lazy = true;
      this.pos += 1;
    }
    if (this.flags.U) lazy = !lazy;
    this.out += text + (lazy ? '?' : '');
  }

  private brace(): void {
    const repeat = REPEAT.exec(this.src.slice(this.pos));
    if (!repeat) {
      // RE2 reads a `{` that starts no valid repeat as a literal.
      this.out += '\\{';
      this.pos += 1;
      return;
    }
    const min = Number(repeat[1]);
    const max = repeat[3] ? Number(repeat[3]) : min;
    if (min > MAX_REPEAT || max > MAX_REPEAT) this.fail('repeat count above 1000');
    this.pos += repeat[0].length;
    this.quantifier(repeat[0]);
  }

  private charClass(): string {
    this.pos += 1;
    let body = '';
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos += 1;
    }
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) this.fail('missing ]');
      const char = this.src[this.pos] ?? '';
      if (char === ']' && !first) break;
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        const ranges = POSIX[posix[2] ?? ''] ?? this.fail(`unknown POSIX class ${posix[0]}`);
        body += posix[1] === '^' ? complementAscii(ranges) : ranges;
        this.pos += posix[0].length;
      } else if (char === '\\') {
        body += this.escape(true);
      } else if (char === '[' || char === ']' || char === '^') {
        body += `\\${char}`;
        this.pos += 1;
      } else {
        body += char;
        this.pos += 1;
      }
    }
    this.pos += 1;
    return `[${negated ? '^' : ''}${body}]`;
  }

  /** Translates the escape at `pos` (a backslash). */
  private escape(inClass: boolean): string {
    const next = this.src.codePointAt(this.pos + 1);
    if (next === undefined) this.fail('trailing backslash');
    const char = String.fromCodePoint(next);
    this.pos += 1 + char.length;
    switch (char) {
      case 'a':
        return '\\x07';
      case 'f':
      case 't':
      case 'n':
      case 'r':
      case 'v':
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return `\\${char}`;
      case 's':
        return inClass ? GO_SPACE : `[${GO_SPACE}]`;
      case 'S':
        return inClass ? GO_NON_SPACE : `[^${GO_SPACE}]`;
      case 'b':
      case 'B':
        if (inClass) this.fail(`\\${char} inside a character class`);
        return `\\${char}`;
      case 'A':
        if (inClass) this.fail('\\A inside a character class');
        return '^';
      case 'z':
        if (inClass) this.fail('\\z inside a character class');
        return '$';
      case 'Q':
        if (inClass) this.fail('\\Q inside a character class');
        return this.quoted();
      case 'x':
        return this.hexEscape();
      case 'p':
      case 'P':
        return this.property(char === 'P');
      default:
        break;
    }
    if (/^[0-7]$/.test(char)) return this.octal(char);
    if (next < 0x80 && !isAsciiAlnum(char)) return hex(next);
    return this.fail(`invalid escape \\${char}`);
  }

  private quoted(): string {
    const end = this.src.indexOf('\\E', this.pos);
    const literal = this.src.slice(this.pos, end === -1 ? undefined : end);
    this.pos = end === -1 ? this.src.length : end + 2;
    return [...literal]
      .map((c) => (/[0-9A-Za-z]/.test(c) ? c : hex(c.codePointAt(0) ?? 0)))
      .join('');
  }

  private hexEscape(): string {
    const rest = this.src.slice(this.pos);
    const braced = /^\{([0-9A-Fa-f]+)\}/.exec(rest);
    const pair = /^[0-9A-Fa-f]{2}/.exec(rest);
    const digits = braced ? braced[1] : pair?.[0];
    if (digits === undefined) return this.fail('invalid \\x escape');
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) this.fail('\\x escape out of range');
    this.pos += (braced ?? pair)?.[0].length ?? 0;
    return hex(code);
  }

  /** RE2: `\0` plus up to two octal digits, or `\1`–`\7` followed by an octal digit. */
  private octal(first: string): string {
    const more = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))?.[0] ?? '';
    if (first !== '0' && more === '') this.fail('backreferences are not supported');
    this.pos += more.length;
    return hex(parseInt(first + more, 8));
  }

  private property(negatedByCase: boolean): string {
    let name: string;
    if (this.src[this.pos] === '{') {
      const end = this.src.indexOf('}', this.pos);
      if (end === -1) this.fail('missing } in \\p{…}');
      name = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      name = this.src[this.pos] ?? this.fail('missing \\p class name');
      this.pos += 1;
    }
    let negated = negatedByCase;
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const value = name === 'Any' || CATEGORIES.has(name) ? name : `Script=${name}`;
    return `\\${negated ? 'P' : 'p'}{${value}}`;
  }
}

/** RE2 pattern → JS source and flags; throws an Error saying what is wrong. */
export function translateGoRegex(pattern: string, caseInsensitive: boolean): TranslatedRegex {
  return new Translator(pattern, caseInsensitive).run();
}

export interface GoRegexOptions {
  /** Adds the `g` flag, for `matchAll`/`replace` over every match (structure counts them). */
  global?: boolean;
}

/** Compiles an RE2 pattern (for `RegExp.test` unless `global`); throws an Error saying what is wrong. */
export function compileGoRegex(
  pattern: string,
  caseInsensitive: boolean,
  options: GoRegexOptions = {},
): RegExp {
  const { source, flags } = translateGoRegex(pattern, caseInsensitive);
  try {
    return new RegExp(source, options.global === true ? `g${flags}` : flags);
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
