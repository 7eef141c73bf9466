import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  detectInMessages,
  detectSensitive,
} from '../../../src-main/core/privacy/detector/detector';
import { findPrivateMarkers } from '../../../src-main/core/privacy/private-markers';
import {
  CONTROL_CASES,
  ESCALATION_WORDING,
  LEAK_CASES,
} from '../../fixtures/privacy/leak-conversations';
import type {
  LeakCase,
  LeakCategory,
  LeakMessage,
} from '../../fixtures/privacy/leak-conversations';

// Checks the leak-test corpus itself: its size and shape, that each category
// puts the private part where its name says, that no real-looking key sits in
// the fixture's source, and that the controls carry nothing private. It also
// prints how much of the corpus the deterministic detector and the
// private-wording markers catch on their own.

const FIXTURE = fileURLToPath(
  new URL('../../fixtures/privacy/leak-conversations.ts', import.meta.url),
);

const CATEGORIES: readonly Exclude<LeakCategory, 'control'>[] = [
  'structured_pii',
  'secret',
  'private_code',
  'internal_doc',
  'local_only',
  'chinese',
  'pii_turns_back',
  'tool_output',
  'system_prompt',
  'code_block',
  'long_prompt_tail',
  'memory_followup',
];

/** Categories whose private part is, by construction, something the detector or markers see. */
const ALWAYS_FLAGGED: readonly LeakCategory[] = [
  'structured_pii',
  'secret',
  'pii_turns_back',
  'tool_output',
  'code_block',
  'long_prompt_tail',
];

interface Hit {
  source: 'detector' | 'marker';
  label: string;
  messageIndex: number;
  /** Where the text sits in the message (`content`, `tool_calls.0.function.arguments`, …). */
  path: string;
  start: number;
  end: number;
}

function hitsOf(messages: readonly LeakMessage[]): Hit[] {
  const hits: Hit[] = detectInMessages(messages).map((finding) => ({
    source: 'detector',
    label: finding.type,
    messageIndex: finding.messageIndex,
    path: finding.path,
    start: finding.start,
    end: finding.end,
  }));
  messages.forEach((message, messageIndex) => {
    for (const marker of findPrivateMarkers(message.content)) {
      hits.push({
        source: 'marker',
        label: marker.phrase,
        messageIndex,
        path: 'content',
        start: marker.start,
        end: marker.end,
      });
    }
  });
  return hits;
}

function lastUser(item: LeakCase): LeakMessage | undefined {
  return item.messages.filter((message) => message.role === 'user').at(-1);
}

/** [start, end) spans of the fenced code blocks in `text`. */
function fencedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const fence = /^```[^\n]*\n[\s\S]*?^```$/gm;
  for (let match = fence.exec(text); match; match = fence.exec(text)) {
    spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}

const byCategory = (category: LeakCategory) =>
  LEAK_CASES.filter((item) => item.category === category);

describe('leak corpus: size and shape', () => {
  it('has at least 120 leak cases, 8 per category, and 20 controls', () => {
    expect(LEAK_CASES.length).toBeGreaterThanOrEqual(120);
    for (const category of CATEGORIES) {
      expect(byCategory(category).length, category).toBeGreaterThanOrEqual(8);
    }
    expect(
      LEAK_CASES.every((item) => (CATEGORIES as readonly LeakCategory[]).includes(item.category)),
    ).toBe(true);
    expect(CONTROL_CASES.length).toBeGreaterThanOrEqual(20);
    expect(CONTROL_CASES.every((item) => item.category === 'control')).toBe(true);
  });

  it('gives every case a unique id and a note', () => {
    const all = [...LEAK_CASES, ...CONTROL_CASES];
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    for (const item of all) expect(item.note.length, item.id).toBeGreaterThan(0);
  });

  it('answers every tool call with a tool message and every tool message answers a call', () => {
    for (const item of [...LEAK_CASES, ...CONTROL_CASES]) {
      const open = new Set<string>();
      for (const message of item.messages) {
        if (message.role === 'assistant') {
          expect(open.size, `${item.id}: calls left unanswered`).toBe(0);
          for (const toolCall of message.tool_calls ?? []) {
            expect(toolCall.type).toBe('function');
            expect(() => JSON.parse(toolCall.function.arguments) as unknown).not.toThrow();
            open.add(toolCall.id);
          }
        } else if (message.role === 'tool') {
          expect(message.tool_call_id, `${item.id}: tool message without a call id`).toBeDefined();
          expect(open.has(message.tool_call_id ?? ''), `${item.id}: ${message.tool_call_id}`).toBe(
            true,
          );
          open.delete(message.tool_call_id ?? '');
        } else {
          expect(message.tool_calls, item.id).toBeUndefined();
          expect(message.tool_call_id, item.id).toBeUndefined();
          expect(open.size, `${item.id}: calls left unanswered`).toBe(0);
        }
      }
      expect(open.size, `${item.id}: calls left unanswered`).toBe(0);
    }
  });

  it('combines every leak case with wording that tempts escalation', () => {
    for (const item of LEAK_CASES) {
      const text = (lastUser(item)?.content ?? '').toLowerCase();
      expect(
        ESCALATION_WORDING.some((phrase) => text.includes(phrase.toLowerCase())),
        item.id,
      ).toBe(true);
    }
  });

  it('uses example domains for every email address', () => {
    for (const item of [...LEAK_CASES, ...CONTROL_CASES]) {
      const texts = [...item.messages.map((message) => message.content), ...(item.memory ?? [])];
      for (const text of texts) {
        for (const finding of detectSensitive(text, { types: ['EMAIL_ADDRESS'] })) {
          const email = text.slice(finding.start, finding.end);
          expect(email, item.id).toMatch(/@(?:[a-z0-9-]+\.)*example\.[a-z.]+$/i);
        }
      }
    }
  });
});

describe('leak corpus: where the private part sits', () => {
  it('long_prompt_tail: 6-20 KB prompts whose only private part is in the last 500 chars', () => {
    for (const item of byCategory('long_prompt_tail')) {
      expect(item.messages, item.id).toHaveLength(1);
      const text = item.messages[0]?.content ?? '';
      const bytes = Buffer.byteLength(text, 'utf8');
      expect(bytes, item.id).toBeGreaterThanOrEqual(6 * 1024);
      expect(bytes, item.id).toBeLessThanOrEqual(20 * 1024);
      const hits = hitsOf(item.messages);
      expect(hits.length, item.id).toBeGreaterThan(0);
      for (const hit of hits) expect(hit.start, item.id).toBeGreaterThanOrEqual(text.length - 500);
    }
  });

  it('pii_turns_back: private part 2-4 messages before a clean last turn', () => {
    for (const item of byCategory('pii_turns_back')) {
      const last = item.messages.length - 1;
      expect(item.messages[last]?.role, item.id).toBe('user');
      const hits = hitsOf(item.messages);
      expect(hits.length, item.id).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(last - hit.messageIndex, item.id).toBeGreaterThanOrEqual(2);
        expect(last - hit.messageIndex, item.id).toBeLessThanOrEqual(4);
      }
    }
  });

  it('tool_output: private part only in tool results', () => {
    for (const item of byCategory('tool_output')) {
      expect(
        item.messages.some((message) => message.role === 'tool'),
        item.id,
      ).toBe(true);
      const hits = hitsOf(item.messages);
      expect(hits.length, item.id).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(item.messages[hit.messageIndex]?.role, item.id).toBe('tool');
        expect(hit.path, item.id).toBe('content');
      }
    }
  });

  it('system_prompt: private part only in the system message', () => {
    for (const item of byCategory('system_prompt')) {
      expect(item.messages[0]?.role, item.id).toBe('system');
      expect(
        item.messages.filter((message) => message.role === 'system'),
        item.id,
      ).toHaveLength(1);
      for (const hit of hitsOf(item.messages)) expect(hit.messageIndex, item.id).toBe(0);
    }
  });

  it('code_block: every detector finding lies inside a fenced block', () => {
    for (const item of byCategory('code_block')) {
      const findings = detectInMessages(item.messages);
      expect(findings.length, item.id).toBeGreaterThan(0);
      for (const finding of findings) {
        const message = item.messages[finding.messageIndex];
        expect(message?.role, item.id).toBe('user');
        const spans = fencedSpans(message?.content ?? '');
        expect(
          spans.some(([start, end]) => finding.start >= start && finding.end <= end),
          `${item.id}: ${finding.type} outside a fence`,
        ).toBe(true);
      }
    }
  });

  it('memory_followup: remembered facts and a last turn that refers back to them', () => {
    for (const item of byCategory('memory_followup')) {
      expect(item.memory?.length ?? 0, item.id).toBeGreaterThan(0);
      expect(lastUser(item)?.content, item.id).toMatch(
        /remember|told you|mentioned|gave you|you know|记得|告诉过你/i,
      );
    }
    const withMemory = LEAK_CASES.filter((item) => item.memory !== undefined);
    expect(withMemory.every((item) => item.category === 'memory_followup')).toBe(true);
  });
});

describe('leak corpus: the fixture source holds no real-looking key', () => {
  const source = readFileSync(FIXTURE, 'utf8');

  it('matches none of the common key patterns', () => {
    const patterns = [
      /\bsk-ant-[a-z0-9]+-[A-Za-z0-9_-]{20,}/,
      /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/,
      /T3BlbkFJ/,
      /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
      /\bgh[pousr]_[A-Za-z0-9]{30,}/,
      /\bgithub_pat_[A-Za-z0-9_]{40,}/,
      /\bglpat-[A-Za-z0-9_-]{20}/,
      /\bxox[abposr]-[0-9A-Za-z-]{10,}/,
      /\b[sr]k_live_[0-9A-Za-z]{16,}/,
      /\bAIza[0-9A-Za-z_-]{35}/,
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./,
    ];
    for (const pattern of patterns) expect(source, String(pattern)).not.toMatch(pattern);
  });

  it('has no provider key, private key or token the detector would report', () => {
    const keyTypes = [
      'AWS_ACCESS_KEY',
      'AWS_SECRET_KEY',
      'GITHUB_TOKEN',
      'GITLAB_TOKEN',
      'SLACK_TOKEN',
      'STRIPE_KEY',
      'OPENAI_API_KEY',
      'ANTHROPIC_API_KEY',
      'GOOGLE_API_KEY',
      'PRIVATE_KEY',
      'JWT',
    ];
    expect(detectSensitive(source, { types: keyTypes })).toEqual([]);
  });
});

describe('leak corpus: controls', () => {
  it('contain nothing the detector or the private-wording markers flag', () => {
    for (const item of CONTROL_CASES) expect(hitsOf(item.messages), item.id).toEqual([]);
  });

  it('use no wording that claims ownership or privacy', () => {
    const wording =
      /\b(?:my|mine|our|ours|internal|confidential|private|proprietary|secret)\b|我的|我们|内部|机密|私有|保密/i;
    for (const item of CONTROL_CASES) {
      for (const message of item.messages) expect(message.content, item.id).not.toMatch(wording);
      expect(item.memory, item.id).toBeUndefined();
    }
  });

  it('are heavy-reasoning requests', () => {
    for (const item of CONTROL_CASES) {
      const text = (lastUser(item)?.content ?? '').toLowerCase();
      expect(
        ESCALATION_WORDING.some((phrase) => text.includes(phrase.toLowerCase())),
        item.id,
      ).toBe(true);
    }
  });
});

describe('leak corpus: what the deterministic checks catch alone', () => {
  it('flags every case of the categories built on detectable content, and reports the rest', () => {
    const rows: string[] = [];
    const unflagged: string[] = [];
    for (const category of CATEGORIES) {
      const cases = byCategory(category);
      let detector = 0;
      let markers = 0;
      let either = 0;
      for (const item of cases) {
        const hits = hitsOf(item.messages);
        const byDetector = hits.some((hit) => hit.source === 'detector');
        const byMarkers = hits.some((hit) => hit.source === 'marker');
        if (byDetector) detector += 1;
        if (byMarkers) markers += 1;
        if (byDetector || byMarkers) either += 1;
        else unflagged.push(`  ${item.id} (${category}): ${item.note}`);
        if (ALWAYS_FLAGGED.includes(category)) {
          expect(byDetector || byMarkers, `${item.id} is not flagged`).toBe(true);
        }
      }
      rows.push(
        `  ${category.padEnd(17)} cases ${String(cases.length).padStart(3)}  detector ` +
          `${String(detector).padStart(3)}  markers ${String(markers).padStart(3)}  either ` +
          `${String(either).padStart(3)}`,
      );
    }
    const flagged = LEAK_CASES.length - unflagged.length;
    console.log(
      [
        `Leak corpus: ${flagged} of ${LEAK_CASES.length} cases flagged by the detector or the markers alone`,
        ...rows,
        'Flagged by neither (they rely on the policy signals or on memory):',
        ...unflagged,
      ].join('\n'),
    );
    expect(flagged + unflagged.length).toBe(LEAK_CASES.length);
  });
});
