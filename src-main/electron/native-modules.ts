import { createRequire } from 'node:module';
import { sqliteBindingOptions } from '../core/store/sqlite-binding';
import type { NativeProblem } from './core-protocol';

// The core's native addons must be built for the runtime that loads them.
// `npm ci` builds better-sqlite3 for Node (the CLI and the tests); inside
// Electron it needs a build for Electron's ABI. The core process loads each
// addon once at start so a mismatch is reported with its fix, instead of
// surfacing later as a vague failure.

// Not named `require`: the build adds a `require` of its own to ESM output.
const loadCommonJs = createRequire(import.meta.url);

export interface NativeModuleSpec {
  module: string;
  /** What Homelane loses without it, in a person's words. */
  impact: string;
  /** Compiled from source at install (a rebuild for Electron fixes an ABI mismatch). */
  compiled: boolean;
  load(): Promise<void> | void;
}

interface SqliteConstructor {
  new (file: string, options?: { nativeBinding?: string }): { close(): void };
}

export const NATIVE_MODULES: readonly NativeModuleSpec[] = [
  {
    module: 'better-sqlite3',
    impact: 'Chat history and routing records cannot be stored, so chat is unavailable.',
    compiled: true,
    load: () => {
      const Database = loadCommonJs('better-sqlite3') as SqliteConstructor;
      new Database(':memory:', sqliteBindingOptions()).close();
    },
  },
  {
    module: 'onnxruntime-node',
    impact:
      'The on-device routing models cannot run; routing continues in lite mode on the ' +
      'deterministic signals.',
    compiled: false,
    load: async () => {
      await import('onnxruntime-node');
    },
  },
];

/** Loads every native module; returns the ones that failed, each with its fix. */
export async function probeNativeModules(
  specs: readonly NativeModuleSpec[] = NATIVE_MODULES,
): Promise<NativeProblem[]> {
  const problems: NativeProblem[] = [];
  for (const spec of specs) {
    try {
      await spec.load();
    } catch (error) {
      problems.push(describeNativeFailure(spec, error));
    }
  }
  return problems;
}

export function describeNativeFailure(spec: NativeModuleSpec, error: unknown): NativeProblem {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = (text.split('\n')[0] ?? '').trim().slice(0, 400);
  return { module: spec.module, impact: spec.impact, error: firstLine, fix: fixFor(spec, error) };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function fixFor(spec: NativeModuleSpec, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    if (!/\.node\b/.test(text)) {
      return 'It is not installed: run `npm ci` in the Homelane folder, then start Homelane again.';
    }
  }
  if (!spec.compiled) {
    return (
      `Reinstall its prebuilt binaries with \`npm rebuild ${spec.module}\` (or \`npm ci\`), ` +
      'then start Homelane again.'
    );
  }
  const wrongAbi = /NODE_MODULE_VERSION|compiled against a different Node\.js version/i.test(text);
  const fetch =
    '`npm start` fetches the Electron build once and keeps it beside the Node one; run it again ' +
    'with a network connection. Offline, build it for Electron yourself and point ' +
    'HOMELANE_SQLITE_BINDING at the .node file.';
  if (wrongAbi) return `It was built for Node.js, not for Electron. ${fetch}`;
  return `It could not be loaded for Electron. ${fetch}`;
}
