// The routing DSL: parse, compile (with every config check) and decompile of
// upstream's balance recipe (704 lines), warm, many times. Target: compiling
// the balance recipe takes under 20 ms. Run: npm run bench:dsl
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { ConfigSchema } from '../src-main/core/config/schema/config';
import { compileDsl } from '../src-main/core/dsl/compile-dsl';
import { decompileConfig } from '../src-main/core/dsl/decompile/decompile';
import { parseDsl } from '../src-main/core/dsl/syntax/parser';

const WARMUP = 30;
const RUNS = 300;

// npm runs benches from the repository root; upstream's recipes sit beside it.
const shared = resolve('../shared/upstream/balance');
const own = resolve('recipes/privacy');
const folder = existsSync(join(shared, 'recipe.dsl')) ? shared : own;
if (folder === own)
  process.stdout.write(
    "upstream's balance recipe is not beside the checkout; measuring Homelane's privacy recipe instead\n",
  );
const dsl = readFileSync(join(folder, 'recipe.dsl'), 'utf8');
const raw = ConfigSchema.parse(parse(readFileSync(join(folder, 'config.yaml'), 'utf8')));

function measure(name: string, run: () => unknown): void {
  for (let i = 0; i < WARMUP; i += 1) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  process.stdout.write(
    `${name.padEnd(34)} p50 ${at(0.5).toFixed(2).padStart(6)} ms   p95 ${at(0.95).toFixed(2).padStart(6)} ms   max ${at(1).toFixed(2).padStart(6)} ms\n`,
  );
}

process.stdout.write(
  `${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n` +
    `${dsl.split('\n').length} lines of DSL; ${WARMUP} warm-up runs, then ${RUNS} timed runs each\n`,
);
const check = compileDsl(dsl, 'recipe.dsl');
if (!check.sections)
  throw new Error(`the recipe does not compile: ${JSON.stringify(check.diagnostics[0])}`);
measure('parse (text → syntax tree)', () => parseDsl(dsl));
measure('compile (+ every config check)', () => compileDsl(dsl, 'recipe.dsl'));
measure('decompile (config → text)', () => decompileConfig(raw));
