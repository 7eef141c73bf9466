import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Starts test/support/stand-in-llm/server.mjs (OpenAI-compatible and
// Anthropic Messages endpoints) as its own process and talks
// to its control endpoints. See that file for the behaviour switches.

const SERVER = fileURLToPath(new URL('./stand-in-llm/server.mjs', import.meta.url));

export interface StandInBehaviour {
  status?: number;
  message?: string;
  retryAfter?: number | string;
  stall?: 'before-headers' | 'after-headers';
  stallAfterEvents?: number;
  dropAfterEvents?: number;
  endAfterEvents?: number;
  eventDelayMs?: number;
  reasoning?: boolean;
  crlf?: boolean;
  comments?: boolean;
  noDone?: boolean;
  /** Anthropic streams: send n events, then `event: error` (overloaded), then end. */
  errorAfterEvents?: number;
  /** Anthropic GET /v1/models: at most n models per page. */
  modelPageSize?: number;
}

export interface StandInRequest {
  method: string;
  path: string;
  authorization: string | null;
  /** The `x-api-key` header (Anthropic's key). */
  xApiKey: string | null;
  anthropicVersion: string | null;
  body?: Record<string, unknown>;
}

export interface StandInLlm {
  /** `http://127.0.0.1:<port>` (no `/v1`). */
  url: string;
  requests(): Promise<StandInRequest[]>;
  /** How many responses the client abandoned before they finished. */
  disconnects(): Promise<number>;
  /** Sets the behaviour of every following request (the header still wins). */
  setBehaviour(behaviour: StandInBehaviour): Promise<void>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Headers that give one request (or one client) a behaviour. */
export function behaviourHeaders(behaviour: StandInBehaviour): Record<string, string> {
  return { 'x-stand-in': JSON.stringify(behaviour) };
}

/** `server`: the script's path, for callers bundled elsewhere (the benchmarks). */
export function startStandInLlm(timeoutMs = 10_000, server = SERVER): Promise<StandInLlm> {
  const child = spawn(process.execPath, [server], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`stand-in-llm printed no URL in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stand-in-llm exited (${code})\n${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const url = match[1];
      const control = async (path: string, body?: unknown): Promise<unknown> => {
        const response = await fetch(`${url}/_stand-in/${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return response.json();
      };
      resolve({
        url,
        requests: async () => (await control('requests')) as StandInRequest[],
        disconnects: async () => ((await control('stats')) as { disconnects: number }).disconnects,
        setBehaviour: async (behaviour) => void (await control('behaviour', behaviour)),
        reset: async () => void (await control('reset', {})),
        stop: async () => {
          child.stdin.end();
          const killer = setTimeout(() => child.kill('SIGKILL'), 2_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
