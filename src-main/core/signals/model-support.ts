import type { Global } from '../config/schema/global';
import type { PreparedSignal, SignalInput, SignalOutput } from './signal-module';
import { unavailableOutput } from './signal-module';

// Plumbing shared by the model-backed families: lenient reads of `global`
// settings (the schema keeps most of `model_catalog` as open maps), the
// unavailable / error outputs, and guards so that a failing model turns into
// an `error` output instead of an exception in the router.

/** The value at `path` under `global`, or undefined if any step is missing or not an object. */
export function readSetting(global: Global | undefined, path: readonly string[]): unknown {
  let node: unknown = global;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function settingNumber(
  global: Global | undefined,
  path: readonly string[],
  fallback: number,
): number {
  const value = readSetting(global, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function settingBoolean(
  global: Global | undefined,
  path: readonly string[],
  fallback: boolean,
): boolean {
  const value = readSetting(global, path);
  return typeof value === 'boolean' ? value : fallback;
}

export function settingString(
  global: Global | undefined,
  path: readonly string[],
): string | undefined {
  const value = readSetting(global, path);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function settingStringList(
  global: Global | undefined,
  path: readonly string[],
): string[] | undefined {
  const value = readSetting(global, path);
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return strings.length > 0 ? strings : undefined;
}

/** `global.model_catalog.modules.<…>`: where upstream keeps module thresholds. */
export const MODULES = ['model_catalog', 'modules'] as const;

/** The sentence people read when a family's model is not installed. */
export function missingModelReason(family: string, role: string): string {
  return `${family} needs the ${role} model, which is not installed`;
}

/** A prepared family that can only say it is unavailable. */
export function unavailableSignal(reason: string): PreparedSignal {
  return { evaluate: () => unavailableOutput(reason) };
}

export function okOutput(partial: Partial<SignalOutput> = {}): SignalOutput {
  return { status: 'ok', matched: [], confidences: {}, values: {}, ...partial };
}

export function errorOutput(reason: string, errors?: Record<string, string>): SignalOutput {
  return {
    status: 'error',
    matched: [],
    confidences: {},
    values: {},
    reason,
    ...(errors ? { errors } : {}),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a family's evaluation and turns a thrown model error into an `error`
 * output, so one broken model never takes the whole request down.
 */
export function guarded(
  family: string,
  evaluate: (input: SignalInput) => Promise<SignalOutput>,
): PreparedSignal {
  return {
    evaluate: async (input) => {
      try {
        return await evaluate(input);
      } catch (error) {
        return errorOutput(`${family} failed: ${messageOf(error)}`);
      }
    },
  };
}

/** Prepares a family; a failure while embedding candidates becomes an `error` output. */
export async function guardedPrepare(
  family: string,
  build: () => Promise<PreparedSignal> | PreparedSignal,
): Promise<PreparedSignal> {
  try {
    return await build();
  } catch (error) {
    const output = errorOutput(`${family} could not be prepared: ${messageOf(error)}`);
    return { evaluate: () => output };
  }
}

/**
 * The shared query embedding, or an unavailable output when the pipeline
 * did not provide one (no embedder at request time).
 */
export async function queryEmbeddingFor(
  input: SignalInput,
  family: string,
): Promise<Float32Array | SignalOutput> {
  if (!input.queryEmbedding) return unavailableOutput(missingModelReason(family, 'embedding'));
  return input.queryEmbedding();
}

/** Index and value of the largest probability (first on ties); index -1 for an empty vector. */
export function argmax(probabilities: readonly number[]): { index: number; probability: number } {
  let index = -1;
  let probability = -Infinity;
  probabilities.forEach((p, i) => {
    if (p > probability) {
      index = i;
      probability = p;
    }
  });
  return { index, probability: index === -1 ? 0 : probability };
}

/** Runs `fn` once per distinct key within one evaluation (chunks shared by several rules). */
export function memoize<T>(fn: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = fn(key);
      cache.set(key, hit);
    }
    return hit;
  };
}
