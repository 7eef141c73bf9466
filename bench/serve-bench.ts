// `homelane serve` under load, on loopback: streaming chat completions sent
// through Homelane (routing in lite mode, the privacy guard, the replay
// record, the proxy) against the same requests sent straight to the
// stand-in server that plays the model. Reports lost requests, time to first
// token and throughput for both, and what Homelane adds. A third arm, a bare
// pass-through proxy (bench/bare-proxy.mjs), measures what a second HTTP hop
// alone costs on the machine.
// Run: npm run build && npm run bench:serve [-- --requests N --concurrency C --delay-ms D]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, startServe } from '../test/support/serve-process';
import { startStandInLlm } from '../test/support/stand-in-llm';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const REQUESTS = argument('--requests', 2000);
const CONCURRENCY = argument('--concurrency', 200);
const DELAY_MS = argument('--delay-ms', 10);
const SEQUENTIAL = argument('--sequential', 200);

const PROMPT =
  'Summarise in plain words why the sky looks blue at noon and red at sunset for a child';

interface Outcome {
  ok: boolean;
  ttftMs: number;
  totalMs: number;
  /** Why a request that was not ok failed: its status, error event or exception. */
  failure?: string;
}
type Run = { outcomes: Outcome[]; seconds: number };

/** One streamed request; ok only when it ended with [DONE] and carried content. */
async function streamOnce(url: string, model: string): Promise<Outcome> {
  const started = performance.now();
  let ttft = NaN;
  try {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: PROMPT }] }),
    });
    if (!response.ok || !response.body) {
      const failure = `HTTP ${response.status}: ${(await response.text()).slice(0, 160)}`;
      return { ok: false, ttftMs: NaN, totalMs: NaN, failure };
    }
    let text = '';
    let content = '';
    for await (const piece of response.body.pipeThrough(new TextDecoderStream())) {
      text += piece;
      let end;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const line = text.slice(0, end).replace(/^data: /, '');
        text = text.slice(end + 2);
        if (line === '[DONE]') {
          return { ok: content.length > 0, ttftMs: ttft, totalMs: performance.now() - started };
        }
        const chunk = JSON.parse(line) as {
          choices?: { delta?: { content?: string } }[];
          error?: { message?: string };
        };
        if (chunk.error) {
          const failure = `error event: ${chunk.error.message?.slice(0, 160) ?? ''}`;
          return { ok: false, ttftMs: ttft, totalMs: NaN, failure };
        }
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) {
          if (Number.isNaN(ttft)) ttft = performance.now() - started;
          content += delta;
        }
      }
    }
    return { ok: false, ttftMs: ttft, totalMs: NaN, failure: 'closed without [DONE]' };
  } catch (error) {
    return { ok: false, ttftMs: ttft, totalMs: NaN, failure: String(error) };
  }
}

async function load(url: string, model: string, total: number, concurrency: number): Promise<Run> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        outcomes.push(await streamOnce(url, model));
      }
    }),
  );
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

/**
 * CPU time a process (all its threads) has used so far, in ms, from the
 * scheduler's own count in Linux's /proc (each thread's schedstat, in
 * nanoseconds, rather than /proc/…/stat's clock ticks); NaN elsewhere. Less
 * disturbed by other work on the machine than throughput is.
 */
function cpuMs(pid: number | undefined): number {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e6;
  } catch {
    return NaN;
  }
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

const ttftP50 = (run: Run) =>
  percentile(
    run.outcomes.map((outcome) => outcome.ttftMs),
    50,
  );
const throughput = (run: Run) => run.outcomes.filter((outcome) => outcome.ok).length / run.seconds;

function describe(name: string, run: Run): void {
  const ok = run.outcomes.filter((outcome) => outcome.ok);
  const ttft = ok.map((outcome) => outcome.ttftMs);
  console.log(
    `  ${name.padEnd(11)} ${ok.length}/${run.outcomes.length} complete, ` +
      `${throughput(run).toFixed(1)} req/s, ` +
      `TTFT p50 ${percentile(ttft, 50).toFixed(2)} ms, p95 ${percentile(ttft, 95).toFixed(2)} ms`,
  );
}

/** The calibration arm: bench/bare-proxy.mjs in front of the stand-in, in its own process. */
function startBareProxy(target: string): Promise<{ url: string; stop: () => void }> {
  const script = join(REPO_ROOT, 'bench', 'bare-proxy.mjs');
  const child = spawn(process.execPath, [script, target], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let banner = '';
    child.on('exit', (code) => reject(new Error(`bare-proxy ended (exit ${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
      if (url) resolve({ url, stop: () => child.stdin.end() });
    });
  });
}

/** Each request's failure reason, counted, for the runs that lost any. */
function printFailures(runs: readonly (readonly [string, Run])[]): void {
  for (const [name, run] of runs) {
    const failures = new Map<string, number>();
    for (const { failure } of run.outcomes) {
      if (failure !== undefined) failures.set(failure, (failures.get(failure) ?? 0) + 1);
    }
    for (const [failure, count] of failures) console.log(`    ${name}: ${count} × ${failure}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'homelane-serve-bench-'));
  // Bundled into out/bench, the stand-in's script is found from the repository root.
  const llm = await startStandInLlm(
    10_000,
    join(REPO_ROOT, 'test', 'support', 'stand-in-llm', 'server.mjs'),
  );
  await llm.setBehaviour({ eventDelayMs: DELAY_MS });
  const policy = join(dir, 'policy.yaml');
  writeFileSync(
    policy,
    `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - name: local/small
      provider_model_id: stand-in-small
      backend_refs: [{ name: box, base_url: ${llm.url}/v1 }]
routing:
  modelCards: [{ name: local/small, tags: [deployment:local] }]
  decisions: []
`,
  );
  const serve = await startServe([
    '--data-dir',
    join(dir, 'data'),
    '-c',
    policy,
    '--port',
    '0',
    '--max-concurrent',
    String(CONCURRENCY * 2),
  ]);
  const bare = await startBareProxy(llm.url);
  const homelane = serve.url.replace(/\/$/, '');
  try {
    // Warm up every path.
    await load(llm.url, 'stand-in-small', 50, 10);
    await load(bare.url, 'stand-in-small', 50, 10);
    await load(homelane, 'vllm-sr/auto', 50, 10);

    const directSeq = await load(llm.url, 'stand-in-small', SEQUENTIAL, 1);
    const bareSeq = await load(bare.url, 'stand-in-small', SEQUENTIAL, 1);
    const cpuSeqBefore = cpuMs(serve.process.pid);
    const viaSeq = await load(homelane, 'vllm-sr/auto', SEQUENTIAL, 1);
    const cpuSeq = (cpuMs(serve.process.pid) - cpuSeqBefore) / viaSeq.outcomes.length;
    const direct = await load(llm.url, 'stand-in-small', REQUESTS, CONCURRENCY);
    const bareRun = await load(bare.url, 'stand-in-small', REQUESTS, CONCURRENCY);
    const cpuBefore = cpuMs(serve.process.pid);
    const via = await load(homelane, 'vllm-sr/auto', REQUESTS, CONCURRENCY);
    const cpuPerRequest = (cpuMs(serve.process.pid) - cpuBefore) / via.outcomes.length;

    console.log(
      `machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.versions.node}`,
    );
    console.log(
      `stand-in: ${DELAY_MS} ms between SSE events (~${PROMPT.split(' ').length + 2} content events per answer)`,
    );
    console.log(`one at a time (${SEQUENTIAL} requests):`);
    describe('direct', directSeq);
    describe('bare proxy', bareSeq);
    describe('homelane', viaSeq);
    const added = (run: Run, base: Run) => (ttftP50(run) - ttftP50(base)).toFixed(2);
    console.log(`  added TTFT at p50: ${added(viaSeq, directSeq)} ms (target < 1 ms in lite mode)`);
    console.log(`    a bare second hop alone: ${added(bareSeq, directSeq)} ms`);
    console.log(`  Homelane's CPU time per request: ${cpuSeq.toFixed(2)} ms`);
    console.log(`${CONCURRENCY} concurrent streams (${REQUESTS} requests):`);
    describe('direct', direct);
    describe('bare proxy', bareRun);
    describe('homelane', via);
    const lost = via.outcomes.filter((outcome) => !outcome.ok).length;
    console.log(`  lost through Homelane: ${lost} (target 0)`);
    printFailures([
      ['direct', direct],
      ['bare proxy', bareRun],
      ['homelane', via],
    ]);
    const share = (run: Run, base: Run) => ((throughput(run) / throughput(base)) * 100).toFixed(1);
    console.log(`  added TTFT at p50: ${added(via, direct)} ms`);
    console.log(`  throughput: ${share(via, direct)} % of direct (target ≥ 95 %)`);
    console.log(`    a bare second hop alone: ${share(bareRun, direct)} % of direct`);
    console.log(`  Homelane's CPU time per request: ${cpuPerRequest.toFixed(2)} ms`);
  } finally {
    bare.stop();
    await serve.stop();
    await llm.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
