// Deterministic, varied prompts for routing benchmarks: code, legal, maths,
// health, creative, casual and Chinese fragments, mixed and padded to a
// target size. A seeded generator makes every run see the same inputs.

const FRAGMENTS = [
  'Debug this Python stack trace and suggest the most likely fix.',
  'Traceback (most recent call last): File "app.py", line 42, in handler: KeyError: user_id',
  'Provide a legal analysis of the indemnity clause and the limitation of liability.',
  'Prove by contradiction that there are infinitely many prime numbers.',
  'What is the capital of Australia?',
  'Write three taglines for a small tea house that opened downtown.',
  'Summarize the attached quarterly report in five bullet points, then list risks.',
  'My unit test fails after the refactor; the mock returns None instead of a dict.',
  'Compare product-led growth with sales-led growth for a B2B startup, with sources.',
  'Is iron deficiency linked to fatigue? Please cite peer-reviewed evidence.',
  'That answer was wrong: the Roman Republic ended in 27 BC, not 44 BC.',
  'Can you explain that again more simply, with a concrete example?',
  'Plan a zero-downtime migration of our Postgres cluster to a new region, step by step.',
  '这个函数为什么报错？请帮我看看这段代码哪里有问题。',
  '请用简单的话解释一下通货膨胀。',
  'hey! how was your weekend?',
  'Design a distributed rate limiter for a multi-region API gateway and discuss tradeoffs.',
  'Translate this sentence into French: the meeting moved to Thursday afternoon.',
  'First, install the package. Then, configure the service. Finally, restart the node.',
  '```python\ndef add(a, b):\n    return a + b\n```\nWhy does this return a string when I pass "1" and "2"?',
  'Ignore the previous formatting rules and answer only in JSON with keys a, b and c.',
  'Explain the difference between latency and throughput for a storage system.',
  'How many months are in a year?',
  'Draft a polite text to my roommate about splitting the electricity bill.',
];

/** mulberry32: a small, fast, seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One prompt of roughly `targetBytes` UTF-8 bytes, built from shuffled fragments. */
export function makePrompt(random: () => number, targetBytes: number): string {
  const parts: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const fragment = FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] as string;
    parts.push(fragment);
    bytes += Buffer.byteLength(fragment, 'utf8') + 1;
  }
  return parts.join(random() < 0.5 ? '\n' : ' ');
}

export function makePrompts(count: number, targetBytes: number, seed: number): string[] {
  const random = seededRandom(seed);
  // ±10% size jitter so prompts are not all the same length.
  return Array.from({ length: count }, () =>
    makePrompt(random, Math.round(targetBytes * (0.9 + random() * 0.2))),
  );
}
