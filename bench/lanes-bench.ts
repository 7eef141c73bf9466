// What a lane adds to a request: the OpenAI client's streaming path (SSE
// parsing, timeouts, accumulation) against a bare fetch that reads the same
// stream as text, both against the stand-in server in its own process; the
// cost of falling back past a lane that answers 500; and the SSE parser on
// its own. Run: npm run bench:lanes
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { createOpenAiClient } from '../src-main/core/lanes/openai-client';
import { SseParser } from '../src-main/core/lanes/sse-stream';

// The bundle runs from out/bench; the stand-in is read from the checkout.
const SERVER = resolve(process.cwd(), 'test/support/stand-in-llm/server.mjs');
const ROUNDS = 500;
const WARMUP = 50;

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99) };
}

async function startServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`stand-in exited ${code}`)));
  });
  return { url, stop: () => child.stdin.end() };
}

// ~60 words of user text, so the answer streams ~64 content chunks.
const TEXT = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
const body = { model: 'stand-in-small', messages: [{ role: 'user', content: TEXT }], stream: true };

async function rawStream(url: string, headers: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...body, stream_options: { include_usage: true } }),
  });
  let first = Number.NaN;
  const reader = response.body!.getReader();
  for (;;) {
    const { done } = await reader.read();
    if (Number.isNaN(first)) first = performance.now() - started;
    if (done) break;
  }
  return first;
}

async function measure(run: () => Promise<{ first: number; total: number }>) {
  for (let i = 0; i < WARMUP; i++) await run();
  const firsts: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const { first, total } = await run();
    firsts.push(first);
    totals.push(total);
  }
  return { first: summary(firsts), total: summary(totals) };
}

function parserThroughput(): { eventsPerSecond: number; megabytesPerSecond: number } {
  const event = `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { content: 'token ' }, finish_reason: null }],
  })}\n\n`;
  const text = event.repeat(20_000);
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 1024) chunks.push(text.slice(i, i + 1024));
  let events = 0;
  const started = performance.now();
  for (let round = 0; round < 5; round++) {
    const parser = new SseParser();
    for (const chunk of chunks) events += parser.push(chunk).length;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    eventsPerSecond: events / seconds,
    megabytesPerSecond: (text.length * 5) / 1e6 / seconds,
  };
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

async function main(): Promise<void> {
  const server = await startServer();
  const client = createOpenAiClient({
    baseUrl: server.url,
    connectTimeoutMs: 5000,
    idleTimeoutMs: 5000,
  });
  const failing = createOpenAiClient({
    baseUrl: server.url,
    connectTimeoutMs: 5000,
    idleTimeoutMs: 5000,
    headers: { 'x-stand-in': JSON.stringify({ status: 500 }) },
  });
  try {
    const raw = await measure(async () => {
      const started = performance.now();
      const first = await rawStream(server.url);
      return { first, total: performance.now() - started };
    });
    const viaClient = await measure(async () => {
      const started = performance.now();
      let first = Number.NaN;
      for await (const delta of client.chatStream(body)) {
        if (Number.isNaN(first) && delta.content) first = performance.now() - started;
      }
      return { first, total: performance.now() - started };
    });
    const viaFallback = await measure(async () => {
      const started = performance.now();
      try {
        for await (const _ of failing.chatStream(body)) void _;
      } catch {
        // the first lane fails before its first token; the next one answers
      }
      let first = Number.NaN;
      for await (const delta of client.chatStream(body)) {
        if (Number.isNaN(first) && delta.content) first = performance.now() - started;
      }
      return { first, total: performance.now() - started };
    });
    const parser = parserThroughput();
    console.log(
      `machine: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.versions.node}`,
    );
    console.log(
      `${ROUNDS} streamed answers of ~64 chunks each, after ${WARMUP} warm-up requests, one at a time`,
    );
    console.log(
      'path                      first byte/token p50   p99        whole answer p50   p99',
    );
    for (const [name, result] of [
      ['bare fetch (bytes)', raw],
      ['lane client (tokens)', viaClient],
      ['500, then next lane', viaFallback],
    ] as const) {
      console.log(
        `${name.padEnd(26)}${fmt(result.first.p50).padEnd(23)}${fmt(result.first.p99).padEnd(11)}${fmt(result.total.p50).padEnd(19)}${fmt(result.total.p99)}`,
      );
    }
    console.log(
      `client overhead per answer (p50): ${fmt(viaClient.total.p50 - raw.total.p50)}; SSE parser alone: ${Math.round(parser.eventsPerSecond).toLocaleString('en')} events/s, ${parser.megabytesPerSecond.toFixed(1)} MB/s`,
    );
  } finally {
    server.stop();
  }
}

await main();
