import { describe, expect, it } from 'vitest';
import {
  DetectorError,
  PII_TYPES,
  SECRET_TYPES,
  SENSITIVE_TYPES,
  detectInMessages,
  detectSensitive,
  maskFindings,
} from '../../../src-main/core/privacy/detector/detector';
import type { Finding } from '../../../src-main/core/privacy/detector/detector';
import { FAKE, fake } from '../../fixtures/privacy/fake-secrets';

/** The findings as [type, matched text] pairs, in order. */
function found(text: string, types?: readonly string[]): [string, string][] {
  const findings = types ? detectSensitive(text, { types }) : detectSensitive(text);
  return findings.map((f) => [f.type, text.slice(f.start, f.end)]);
}

/** The one finding whose span is exactly `value` (its first occurrence). */
function spanOf(text: string, value: string): Finding | undefined {
  const start = text.indexOf(value);
  return detectSensitive(text).find((f) => f.start === start && f.end === start + value.length);
}

describe('detectSensitive: contact details', () => {
  it('reports an email with its exact span and type', () => {
    const text = 'Mail jordan.lee@example.org today';
    expect(detectSensitive(text)).toEqual([
      { type: 'EMAIL_ADDRESS', start: 5, end: 27, confidence: 0.9, category: 'pii' },
    ]);
  });

  it('does not take decorators, npm scopes, SSH remotes or retina images for emails', () => {
    const text =
      '@Component() @types/node npm i @scope/pkg@1.2.3 git@github.com:org/repo.git ' +
      'icon@2x.png ssh me@buildbox docker pull app@sha256:abc123';
    expect(found(text)).toEqual([]);
  });

  it.each([
    ['+44 20 7946 0958', 'UK, international'],
    ['+1 (415) 555-2671', 'US, international with area code in parentheses'],
    ['+49 30 901820', 'Germany'],
    ['+33 1 42 68 53 00', 'France'],
    ['+91 98765 43210', 'India'],
    ['+81-3-1234-5678', 'Japan, dashes'],
    ['+61 2 9876 5432', 'Australia'],
    ['+55 11 91234-5678', 'Brazil'],
    ['+7 (495) 123-45-67', 'Russia'],
    ['+8613800138000', 'China, compact E.164'],
    ['0044 20 7946 0958', '00 international prefix'],
    ['(415) 555-2671', 'NANP with parentheses'],
    ['415-555-2671', 'NANP with dashes'],
    ['020 7946 0958', 'UK national'],
    ['07700 900123', 'UK mobile'],
    ['06 12 34 56 78', 'French national'],
    ['090-1234-5678', 'Japanese mobile'],
  ])('reports the phone number %s (%s)', (phone) => {
    const text = `Please call ${phone} after lunch.`;
    expect(found(text)).toEqual([['PHONE_NUMBER', phone]]);
  });

  it('rejects NANP numbers whose area or exchange code starts with 0 or 1', () => {
    expect(found('ref 123-456-7890 and 415-155-2671', ['PHONE_NUMBER'])).toEqual([]);
  });
});

describe('detectSensitive: checksums', () => {
  it('accepts Luhn-valid cards of known issuers and rejects Luhn failures', () => {
    expect(found('card 4111 1111 1111 1111 ok')).toEqual([['CREDIT_CARD', '4111 1111 1111 1111']]);
    expect(found('card 4111 1111 1111 1112 bad')).toEqual([]);
    expect(found('amex 378282246310005')).toEqual([['CREDIT_CARD', '378282246310005']]);
    expect(found('amex 378282246310006')).toEqual([]);
    // Luhn-valid but no issuer starts with 9.
    expect(found('id 9000000000000008', ['CREDIT_CARD'])).toEqual([]);
  });

  it('names the card brand as the subtype', () => {
    expect(spanOf('pay 3782 822463 10005', '3782 822463 10005')?.subtype).toBe('amex');
  });

  it('accepts IBANs with a correct mod-97 check and country length, and rejects the rest', () => {
    expect(found('IBAN GB82 WEST 1234 5698 7654 32')).toEqual([
      ['IBAN_CODE', 'GB82 WEST 1234 5698 7654 32'],
    ]);
    expect(found('IBAN GB82 WEST 1234 5698 7654 33')).toEqual([]);
    expect(found('IBAN GB82WEST123456987654')).toEqual([]); // wrong length for GB
    expect(found('IBAN QQ82WEST12345698765432')).toEqual([]); // no such country
  });

  it('accepts NHS numbers with a correct mod-11 check digit and rejects the rest', () => {
    expect(found('NHS number 943 476 5919')).toEqual([['UK_NHS', '943 476 5919']]);
    expect(found('NHS number 943 476 5918', ['UK_NHS'])).toEqual([]);
    // Check digit 10 is never issued: the first nine digits of 000 000 006x weigh 12 ≡ 1 (mod 11).
    for (const last of '0123456789')
      expect(found(`NHS number 000 000 006${last}`, ['UK_NHS'])).toEqual([]);
  });

  it('applies SSN validity rules: no area 000, 666 or 9xx, no group 00, no serial 0000', () => {
    expect(found('SSN 536-22-1234')).toEqual([['US_SSN', '536-22-1234']]);
    for (const bad of ['000-22-1234', '666-22-1234', '912-22-1234', '536-00-1234', '536-22-0000'])
      expect(found(`SSN ${bad}`, ['US_SSN'])).toEqual([]);
  });

  it('reports bare nine-digit SSNs only next to the word', () => {
    expect(found('ssn: 536221234', ['US_SSN'])).toEqual([['US_SSN', '536221234']]);
    expect(found('order 536221234', ['US_SSN'])).toEqual([]);
  });

  it('rejects National Insurance numbers with prefixes never allocated', () => {
    expect(found('NI AB 12 34 56 C')).toEqual([['UK_NINO', 'AB 12 34 56 C']]);
    for (const bad of ['QQ 12 34 56 C', 'GB 12 34 56 C', 'AO 12 34 56 C', 'AB 12 34 56 E'])
      expect(found(`NI ${bad}`, ['UK_NINO'])).toEqual([]);
  });

  it('checks national id check characters and embedded dates', () => {
    expect(spanOf('DNI 12345678Z', '12345678Z')?.subtype).toBe('ES_DNI');
    expect(found('DNI 12345678A', ['NATIONAL_ID'])).toEqual([]);
    expect(spanOf('CF RSSMRA85T10A562S', 'RSSMRA85T10A562S')?.subtype).toBe('IT_FISCAL_CODE');
    expect(found('CF RSSMRA85T10A562T', ['NATIONAL_ID'])).toEqual([]);
    expect(spanOf('ID 11010519491231002X', '11010519491231002X')?.subtype).toBe('CN_RESIDENT_ID');
    expect(found('ID 11010519491231002Y 110105194913310026', ['NATIONAL_ID'])).toEqual([]);
    expect(spanOf('CPF 529.982.247-25', '529.982.247-25')?.subtype).toBe('BR_CPF');
    expect(found('CPF 529.982.247-26', ['NATIONAL_ID'])).toEqual([]);
  });

  it('reads a passport machine-readable zone only when its check digits agree', () => {
    const line1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
    const line2 = 'ZX48201579UTO8506128F3001019<<<<<<<<<<<<<<<4';
    expect(found(`${line1}\n${line2}`)).toEqual([['PASSPORT', `${line1}\n${line2}`]]);
    const badBirthCheck = line2.slice(0, 19) + '7' + line2.slice(20);
    expect(found(badBirthCheck, ['PASSPORT'])).toEqual([]);
  });
});

describe('detectSensitive: network addresses', () => {
  it('reports public and private addresses with different confidence', () => {
    const text = 'from 203.0.113.42 via 192.168.1.254';
    expect(detectSensitive(text).map((f) => [text.slice(f.start, f.end), f.confidence])).toEqual([
      ['203.0.113.42', 0.85],
      ['192.168.1.254', 0.6],
    ]);
  });

  it('does not report version strings, loopback, netmasks or CIDR networks', () => {
    const text =
      'v10.0.0.1, version 4.3.2.1, 1.2.3.4, Chrome/120.0.6099.109, Windows 10.0.19045.3930, ' +
      'build 6.1.7601.24545, 127.0.0.1, 0.0.0.0, 255.255.255.0, 10.0.0.0/8, 1.3.6.1.4.1.311';
    expect(found(text)).toEqual([]);
  });

  it('reports four single-digit octets only when the text says IP', () => {
    expect(found('dns server 8.8.8.8', ['IP_ADDRESS'])).toEqual([['IP_ADDRESS', '8.8.8.8']]);
    expect(found('upgrade to 8.8.8.8', ['IP_ADDRESS'])).toEqual([]);
  });

  it('reports IPv6 addresses but not times, MAC addresses, loopback or C++ scopes', () => {
    expect(found('peer 2001:db8::8a2e:370:7334 up')).toEqual([
      ['IP_ADDRESS', '2001:db8::8a2e:370:7334'],
    ]);
    expect(
      found('at 12:30:45, MAC 00:1A:2B:3C:4D:5E, ::1, std::vector, a::b', ['IP_ADDRESS']),
    ).toEqual([]);
  });
});

describe('detectSensitive: street addresses', () => {
  it('reports a US address with city, state and ZIP at higher confidence than a bare street', () => {
    const full = spanOf(
      'Ship to 42 Maple Street, Springfield, IL 62704.',
      '42 Maple Street, Springfield, IL 62704',
    );
    const bare = spanOf('meet at 77 Elm Rd. at noon', '77 Elm Rd.');
    expect(full?.type).toBe('STREET_ADDRESS');
    expect(bare?.type).toBe('STREET_ADDRESS');
    expect(full?.confidence).toBeGreaterThan(bare?.confidence ?? 1);
  });
});

describe('detectSensitive: secrets', () => {
  it.each([
    ['AWS_ACCESS_KEY', FAKE.awsAccessKey],
    ['AWS_ACCESS_KEY', FAKE.awsStsKey],
    ['GITHUB_TOKEN', FAKE.githubClassic],
    ['GITHUB_TOKEN', FAKE.githubFineGrained],
    ['GITLAB_TOKEN', FAKE.gitlabPat],
    ['SLACK_TOKEN', FAKE.slackBot],
    ['SLACK_TOKEN', FAKE.slackApp],
    ['STRIPE_KEY', FAKE.stripeLive],
    ['OPENAI_API_KEY', FAKE.openaiProject],
    ['OPENAI_API_KEY', FAKE.openaiLegacy],
    ['ANTHROPIC_API_KEY', FAKE.anthropicApi],
    ['GOOGLE_API_KEY', FAKE.googleApiKey],
    ['JWT', FAKE.jwt],
    ['PRIVATE_KEY', FAKE.rsaPrivateKey],
  ])('reports %s with the exact span and the secret category', (type, value) => {
    const text = `config:\n  value: ${value}\n`;
    const finding = spanOf(text, value);
    expect(finding?.type).toBe(type);
    expect(finding?.category).toBe('secret');
  });

  it('does not report publishable Stripe keys and scores test keys lower than live ones', () => {
    expect(found(fake('pk_live_', 24))).toEqual([]);
    const live = detectSensitive(fake('sk_live_', 24))[0];
    const test = detectSensitive(fake('sk_test_', 24))[0];
    expect(live?.type).toBe('STRIPE_KEY');
    expect(test?.type).toBe('STRIPE_KEY');
    expect(test?.confidence).toBeLessThan(live?.confidence ?? 0);
  });

  it('reports a JWT only when its header decodes to JSON with an algorithm', () => {
    const b64 = (value: string) => Buffer.from(value).toString('base64url');
    const noAlg = `${b64('{"typ":"JWT"}')}.${b64('{"sub":"x-fake"}')}.${fake('', 20)}`;
    expect(found(noAlg, ['JWT'])).toEqual([]);
    expect(found(FAKE.jwt, ['JWT'])).toEqual([['JWT', FAKE.jwt]]);
  });

  it('covers a truncated private key block up to its last base64 line', () => {
    const truncated = FAKE.rsaPrivateKey.split('\n').slice(0, 3).join('\n');
    const text = `${truncated}\n\nplease help`;
    expect(found(text)).toEqual([['PRIVATE_KEY', truncated]]);
  });

  it('does not report public keys or certificates', () => {
    const text = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----';
    expect(found(text)).toEqual([]);
  });

  it('reports password values in assignments, flags and prose, but not placeholders or code', () => {
    expect(found('DB_PASSWORD=Winter2024!x')).toEqual([['PASSWORD', 'Winter2024!x']]);
    expect(found('{"password": "c0rrect-h0rse"}')).toEqual([['PASSWORD', 'c0rrect-h0rse']]);
    expect(found('PGPASSWORD=tr1cky mysql --password hunter22')).toEqual([
      ['PASSWORD', 'tr1cky'],
      ['PASSWORD', 'hunter22'],
    ]);
    expect(found('my password is blue42sky.')).toEqual([['PASSWORD', 'blue42sky']]);
    const notPasswords =
      'password: string; password=${DB_PASSWORD}; PASSWORD=******** ' +
      'const password = req.body.password; compass=north bypass: true pwd: /home/me ' +
      'if (password == "x") password = getpass.getpass() the password is required';
    expect(found(notPasswords)).toEqual([]);
  });

  it('reports connection strings with credentials as one span, not the embedded IP', () => {
    const url = 'amqp://guest:rabbitPw1@10.0.0.5:5672/vhost';
    expect(found(`connect to ${url}.`)).toEqual([['CONNECTION_STRING', url]]);
    expect(
      found('postgres://localhost:5432/app and postgres://user:password@localhost/db'),
    ).toEqual([]);
  });

  it('reports an AWS secret key only next to its name', () => {
    expect(found(`aws_secret_access_key = ${FAKE.awsSecretKey}`)).toEqual([
      ['AWS_SECRET_KEY', FAKE.awsSecretKey],
    ]);
    expect(found(`blob ${FAKE.awsSecretKey}`, ['AWS_SECRET_KEY'])).toEqual([]);
  });
});

describe('detectSensitive: text around the findings', () => {
  it('finds PII inside Chinese text with exact spans', () => {
    const text =
      '请联系张伟，电话+86 138 0013 8000，邮箱zhang.wei@example.cn，身份证号11010519491231002X。';
    expect(found(text)).toEqual([
      ['PHONE_NUMBER', '+86 138 0013 8000'],
      ['EMAIL_ADDRESS', 'zhang.wei@example.cn'],
      ['NATIONAL_ID', '11010519491231002X'],
    ]);
  });

  it('finds secrets inside fenced code blocks', () => {
    const text = [
      'Why does this fail?',
      '```python',
      `client = OpenAI(api_key="${FAKE.openaiProject}")`,
      'conn = psycopg.connect("postgresql://app:Sup3rS3cret@db.internal/app")',
      '```',
    ].join('\n');
    expect(found(text).map(([type]) => type)).toEqual(['OPENAI_API_KEY', 'CONNECTION_STRING']);
  });

  it('finds PII at the end of a long prompt with the right offsets', () => {
    const filler = 'The quick brown fox jumps over the lazy dog. '.repeat(25_000);
    const text = `${filler}Reach me at last.one@example.com`;
    const findings = detectSensitive(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.start).toBe(filler.length + 'Reach me at '.length);
    expect(findings[0]?.end).toBe(text.length);
  });

  it('returns findings sorted by start and never overlapping', () => {
    const text = [
      'card 4111 1111 1111 1111, call +1 (415) 555-2671, mail a.b@example.com',
      `url https://bot:tok3nValue99@git.example.test/org, ip 203.0.113.9, key ${FAKE.githubClassic}`,
    ].join('\n');
    const findings = detectSensitive(text);
    expect(findings.length).toBe(6);
    for (let i = 1; i < findings.length; i++)
      expect(findings[i]?.start).toBeGreaterThanOrEqual(findings[i - 1]?.end ?? 0);
  });

  it('returns nothing for empty text', () => {
    expect(detectSensitive('')).toEqual([]);
  });
});

describe('detectSensitive: options', () => {
  it('limits the scan to the requested types, case-insensitively', () => {
    const text = 'mail a.b@example.com, card 4111 1111 1111 1111';
    expect(found(text, ['credit_card'])).toEqual([['CREDIT_CARD', '4111 1111 1111 1111']]);
    expect(found(text, [])).toEqual([]);
  });

  it('throws a coded error for an unknown type', () => {
    let caught: unknown;
    try {
      detectSensitive('x', { types: ['EMAIL_ADDRESS', 'SHOE_SIZE'] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DetectorError);
    expect((caught as DetectorError).code).toBe('unknown_type');
    expect((caught as DetectorError).message).toContain('SHOE_SIZE');
  });

  it('exports the full list of types, PII and secrets', () => {
    expect(SENSITIVE_TYPES).toEqual([...PII_TYPES, ...SECRET_TYPES]);
    expect(SENSITIVE_TYPES).toContain('EMAIL_ADDRESS');
    expect(SENSITIVE_TYPES).toContain('CONNECTION_STRING');
    expect(new Set(SENSITIVE_TYPES).size).toBe(SENSITIVE_TYPES.length);
  });
});

describe('maskFindings', () => {
  it('replaces PII with [TYPE] and secrets with [SECRET:TYPE]', () => {
    const text = `mail a.b@example.com key ${FAKE.awsAccessKey} DB_PASSWORD=Winter2024!x`;
    expect(maskFindings(text, detectSensitive(text))).toBe(
      'mail [EMAIL_ADDRESS] key [SECRET:AWS_ACCESS_KEY] DB_PASSWORD=[SECRET:PASSWORD]',
    );
  });

  it('takes a custom mask, findings in any order, and skips overlapping or empty spans', () => {
    const findings: Finding[] = [
      { type: 'PHONE_NUMBER', start: 10, end: 14, confidence: 1, category: 'pii' },
      { type: 'EMAIL_ADDRESS', start: 0, end: 5, confidence: 1, category: 'pii' },
      { type: 'JWT', start: 3, end: 8, confidence: 1, category: 'secret' },
      { type: 'IP_ADDRESS', start: 20, end: 20, confidence: 1, category: 'pii' },
    ];
    expect(maskFindings('abcdefghijklmnopqrstuvwxyz', findings, (f) => `<${f.type.length}>`)).toBe(
      '<13>fghij<12>opqrstuvwxyz',
    );
  });

  it('leaves text without findings unchanged', () => {
    expect(maskFindings('nothing here', [])).toBe('nothing here');
  });
});

describe('detectInMessages', () => {
  it('scans every message: system prompt, text parts, tool-call arguments and tool results', () => {
    const messages = [
      { role: 'system', content: 'Escalate to oncall@example.com when unsure.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'My card is 4111 1111 1111 1111.' },
          {
            type: 'image_url',
            image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==' },
          },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'lookup', arguments: '{"phone":"+44 20 7946 0958"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: `token=${FAKE.githubClassic}` },
    ];
    const results = detectInMessages(messages);
    expect(results.map((r) => [r.messageIndex, r.role, r.path, r.type])).toEqual([
      [0, 'system', 'content', 'EMAIL_ADDRESS'],
      [1, 'user', 'content.0.text', 'CREDIT_CARD'],
      [2, 'assistant', 'tool_calls.0.function.arguments', 'PHONE_NUMBER'],
      [3, 'tool', 'content', 'GITHUB_TOKEN'],
    ]);
    const phone = results[2];
    expect(messages[2]?.tool_calls?.[0]?.function.arguments.slice(phone?.start, phone?.end)).toBe(
      '+44 20 7946 0958',
    );
  });

  it('reads Anthropic-style tool_use inputs and tool_result blocks, and skips inline images', () => {
    const messages = [
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'tu_1', name: 'send', input: { to: 'pat@example.org', n: 1 } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'tu_1',
            content: [{ type: 'text', text: 'ssn 536-22-1234 on file' }],
          },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'QUtJQQ==' } },
        ],
      },
    ];
    expect(detectInMessages(messages).map((r) => [r.messageIndex, r.path, r.type])).toEqual([
      [0, 'content.0.input.to', 'EMAIL_ADDRESS'],
      [1, 'content.0.content.0.text', 'US_SSN'],
    ]);
  });

  it('passes the type filter through and checks it even without text', () => {
    const messages = [{ role: 'user', content: 'a.b@example.com 4111 1111 1111 1111' }];
    expect(detectInMessages(messages, { types: ['CREDIT_CARD'] }).map((r) => r.type)).toEqual([
      'CREDIT_CARD',
    ]);
    expect(() => detectInMessages([], { types: ['NOPE'] })).toThrow(DetectorError);
  });

  it('ignores messages without scannable content', () => {
    expect(
      detectInMessages([
        { role: 'user', content: 42 },
        { role: 'user', content: null },
      ]),
    ).toEqual([]);
  });
});
