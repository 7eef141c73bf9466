// Routing latency in lite mode (no ML models): 10,000 varied ~1 KB prompts
// through a recipe, then the same at 10 KB and 100 KB to show how cost grows
// with prompt size. Run: npm run bench:route [-- --config FILE]
// The script bundles this file first so it measures the code as it ships.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { formatDiagnostic } from '../src-main/core/config/diagnostics';
import { loadConfigFile } from '../src-main/core/config/load';
import { Router } from '../src-main/core/router/router';
import { makePrompts } from './prompt-corpus';

// Upstream's balance recipe, read from beside the checkout (never copied in).
const DEFAULT_CONFIG = resolve(process.cwd(), '../shared/upstream/balance/config.yaml');

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function measure(router: Router, prompts: readonly string[]) {
  const latencies: number[] = [];
  const started = performance.now();
  for (const text of prompts) {
    const t0 = performance.now();
    await router.route({ text });
    latencies.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    count: prompts.length,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    throughput: prompts.length / (elapsed / 1000),
  };
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

async function main(): Promise<void> {
  const configPath = argument('--config') ?? DEFAULT_CONFIG;
  if (!existsSync(configPath)) {
    process.stderr.write(`No config at ${configPath}. Pass --config FILE (a v0.3 recipe).\n`);
    process.exit(2);
  }
  const loaded = await loadConfigFile(configPath);
  if (!loaded.config) {
    for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.exit(1);
  }
  const router = await Router.create(loaded.config);

  // Warm-up: JIT, regex compilation caches, the language detector's tables.
  for (const text of makePrompts(500, 1024, 7)) await router.route({ text });

  const rows: [string, Awaited<ReturnType<typeof measure>>][] = [
    ['1 KB', await measure(router, makePrompts(10_000, 1024, 1))],
    ['10 KB', await measure(router, makePrompts(1_000, 10 * 1024, 2))],
    ['100 KB', await measure(router, makePrompts(200, 100 * 1024, 3))],
  ];

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `Routing benchmark, lite mode (no ML models)\n` +
      `config: ${relative(process.cwd(), configPath)}\n` +
      `machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.versions.node}\n` +
      `method: sequential Router.route() calls on seeded varied prompts after 500 warm-up requests; ` +
      `per-request wall time from performance.now()\n\n` +
      `| prompt size | requests | p50 | p90 | p99 | max | throughput |\n|---|---|---|---|---|---|---|\n`,
  );
  for (const [label, r] of rows) {
    process.stdout.write(
      `| ${label} | ${r.count} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.throughput.toFixed(0)} req/s |\n`,
    );
  }
  const base = rows[0]?.[1].p50 ?? 1;
  process.stdout.write(
    `\np50 growth: 10 KB ×${((rows[1]?.[1].p50 ?? 0) / base).toFixed(1)}, 100 KB ×${((rows[2]?.[1].p50 ?? 0) / base).toFixed(1)} (size ×10, ×100)\n`,
  );
}

await main();
