// Throughput of the deterministic PII and secrets detector on mixed text
// (prose, code, logs, JSON tool output, Chinese, with some PII and secrets)
// of 1 KB, 100 KB and 10 MB, plus adversarial 10 MB inputs that show the
// scan stays linear. Run:
//   npx esbuild bench/detector-bench.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=out/bench/detector-bench.mjs && node out/bench/detector-bench.mjs
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { detectSensitive } from '../src-main/core/privacy/detector/detector';
import { seededRandom } from './prompt-corpus';

const PLAIN = [
  'Please review the attached design doc and list the three riskiest assumptions.',
  'The build failed at 2024-03-18T09:41:22Z with exit code 137 after 14m 32s.',
  '```ts\nexport function sum(values: number[]): number {\n  return values.reduce((a, b) => a + b, 0);\n}\n```',
  'commit 3f9a1c2e7b4d5a6f8e9d0c1b2a3f4e5d6c7b8a9f\nAuthor: build bot\nDate: Mon Mar 18 09:41:22 2024',
  '{"id":"ord_20240318_000417","status":"shipped","items":3,"total":129.95,"currency":"EUR"}',
  'Upgrade lodash from 4.17.20 to 4.17.21 and pin @types/node to 20.11.30.',
  'sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'INFO  [worker-3] processed 18,442 events in 1.284s (14,363 ev/s), p99 41ms',
  '这个函数为什么报错？请帮我看看这段代码哪里有问题。',
  'Le rendez-vous est déplacé à jeudi après-midi, salle 4.12, bâtiment B.',
  'ISBN 978-0-306-40615-7, pages 412-419, published 2019.',
  'SELECT id, created_at FROM orders WHERE total > 100 ORDER BY created_at DESC LIMIT 50;',
  '@Component({ selector: "app-root", templateUrl: "./app.component.html" })',
  'Tracking number 1Z 999 AA1 01 2345 6784 arrives between 10:30 and 12:00.',
  'color: #3a7bd5; margin: 0 auto; transform: translate(-50%, -50%) scale(1.05);',
];

const SENSITIVE = [
  'You can reach me at jordan.lee@example.org or +44 20 7946 0958.',
  'Card on file 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32.',
  'export AWS_ACCESS_KEY_ID=AKIAFAKEFAKEFAKE1234',
  'DATABASE_URL=postgres://app:Wr0ngHorse!@db.internal:5432/app',
  'my SSN is 078-05-1120 and my NHS number is 943 476 5919',
];

function mixedText(targetBytes: number, seed: number): string {
  const random = seededRandom(seed);
  const parts: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const pool = random() < 0.08 ? SENSITIVE : PLAIN;
    const fragment = pool[Math.floor(random() * pool.length)] as string;
    parts.push(fragment);
    bytes += Buffer.byteLength(fragment, 'utf8') + 1;
  }
  return parts.join('\n');
}

interface Row {
  label: string;
  bytes: number;
  runs: number;
  msPerRun: number;
  mbPerSecond: number;
  findings: number;
}

function measure(label: string, text: string, runs: number): Row {
  detectSensitive(text); // warm-up for this size
  let findings = 0;
  const started = performance.now();
  for (let i = 0; i < runs; i++) findings = detectSensitive(text).length;
  const elapsed = performance.now() - started;
  const bytes = Buffer.byteLength(text, 'utf8');
  return {
    label,
    bytes,
    runs,
    msPerRun: elapsed / runs,
    mbPerSecond: (bytes * runs) / (1024 * 1024) / (elapsed / 1000),
    findings,
  };
}

const MB = 1024 * 1024;
const repeatTo = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

function main(): void {
  // Warm-up: JIT and regular-expression compilation.
  for (let i = 0; i < 200; i++) detectSensitive(mixedText(1024, 100 + i));

  const rows: Row[] = [
    measure('mixed 1 KB', mixedText(1024, 1), 5000),
    measure('mixed 100 KB', mixedText(100 * 1024, 2), 50),
    measure('mixed 10 MB', mixedText(10 * MB, 3), 3),
    measure('adversarial 10 MB: digits and separators', repeatTo('12 34-56.78 90 ', 10 * MB), 1),
    measure('adversarial 10 MB: one long word', repeatTo('a', 10 * MB), 1),
    measure('adversarial 10 MB: @ and dots', repeatTo('a.b@c.d@', 10 * MB), 1),
    measure(
      'adversarial 10 MB: key prefixes',
      repeatTo('sk-ant-eyJ.AKIAghp_-----BEGIN ', 10 * MB),
      1,
    ),
  ];

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `PII and secrets detector benchmark\n` +
      `machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.versions.node}\n` +
      `method: detectSensitive() over every type, sequential calls after 200 warm-up calls; ` +
      `wall time from performance.now(); MB = 2^20 bytes of UTF-8\n\n` +
      `| input | size | runs | ms per run | MB/s | findings |\n|---|---|---|---|---|---|\n`,
  );
  for (const r of rows) {
    const size =
      r.bytes >= MB ? `${(r.bytes / MB).toFixed(1)} MB` : `${(r.bytes / 1024).toFixed(1)} KB`;
    process.stdout.write(
      `| ${r.label} | ${size} | ${r.runs} | ${r.msPerRun.toFixed(3)} | ${r.mbPerSecond.toFixed(1)} | ${r.findings} |\n`,
    );
  }
}

main();
