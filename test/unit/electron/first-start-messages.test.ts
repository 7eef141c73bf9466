import { describe, expect, it } from 'vitest';
import {
  NATIVE_MODULES,
  describeNativeFailure,
  probeNativeModules,
} from '../../../src-main/electron/native-modules';
import type { NativeModuleSpec } from '../../../src-main/electron/native-modules';
import {
  coreFailedDialog,
  nativeProblemsDialog,
  startFailedDialog,
} from '../../../src-main/electron/first-start-messages';

const sqlite = NATIVE_MODULES.find((spec) => spec.module === 'better-sqlite3') as NativeModuleSpec;
const ort = NATIVE_MODULES.find((spec) => spec.module === 'onnxruntime-node') as NativeModuleSpec;

// The error Node raises for an addon built for another ABI (its wording).
function abiMismatch(): Error {
  return Object.assign(
    new Error(
      "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
        'was compiled against a different Node.js version using\n' +
        'NODE_MODULE_VERSION 115. This version of Node.js requires\n' +
        'NODE_MODULE_VERSION 143. Please try re-compiling or re-installing\n' +
        'the module (for instance, using `npm rebuild` or `npm install`).',
    ),
    { code: 'ERR_DLOPEN_FAILED' },
  );
}

describe('native modules at core start', () => {
  it('load here, under Node, with nothing to report', async () => {
    expect(await probeNativeModules()).toEqual([]);
  });

  it('reports each module that fails, and only those', async () => {
    const problems = await probeNativeModules([
      {
        ...sqlite,
        load: () => {
          throw abiMismatch();
        },
      },
      { ...ort, load: async () => undefined },
    ]);
    expect(problems.map((problem) => problem.module)).toEqual(['better-sqlite3']);
  });

  it('tells an ABI mismatch apart and says how the Electron build is fetched without touching the Node one', () => {
    const problem = describeNativeFailure(sqlite, abiMismatch());
    expect(problem).toEqual({
      module: 'better-sqlite3',
      impact: 'Chat history and routing records cannot be stored, so chat is unavailable.',
      error: "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'",
      fix:
        'It was built for Node.js, not for Electron. `npm start` fetches the Electron build once ' +
        'and keeps it beside the Node one; run it again with a network connection. Offline, build ' +
        'it for Electron yourself and point HOMELANE_SQLITE_BINDING at the .node file.',
    });
  });

  it('says to install when a module is missing, and to rebuild prebuilt binaries otherwise', () => {
    const missing = Object.assign(new Error("Cannot find module 'onnxruntime-node'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(describeNativeFailure(ort, missing).fix).toBe(
      'It is not installed: run `npm ci` in the Homelane folder, then start Homelane again.',
    );
    const broken = Object.assign(new Error('libonnxruntime.so.1: cannot open shared object file'), {
      code: 'ERR_DLOPEN_FAILED',
    });
    expect(describeNativeFailure(ort, broken).fix).toBe(
      'Reinstall its prebuilt binaries with `npm rebuild onnxruntime-node` (or `npm ci`), then ' +
        'start Homelane again.',
    );
    expect(describeNativeFailure(sqlite, new Error('something else')).fix).toMatch(
      /^It could not be loaded for Electron\. `npm start` fetches the Electron build once/,
    );
  });
});

describe('first-start dialogs', () => {
  it('name the module, what is lost, the error and the fix', () => {
    const problems = [describeNativeFailure(sqlite, abiMismatch())];
    const dialog = nativeProblemsDialog(problems);
    expect(dialog.title).toBe('Homelane: a native module cannot load');
    expect(dialog.message).toBe('The native module better-sqlite3 cannot be loaded by Electron.');
    expect(dialog.detail).toBe(
      [
        'better-sqlite3: Chat history and routing records cannot be stored, so chat is unavailable.',
        "Error: The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'",
        `Fix: ${problems[0]?.fix}`,
        '',
        'Homelane keeps running with what works.',
      ].join('\n'),
    );
    const both = nativeProblemsDialog([
      ...problems,
      describeNativeFailure(ort, new Error('bad binary')),
    ]);
    expect(both.message).toBe(
      'The native modules better-sqlite3 and onnxruntime-node cannot be loaded by Electron.',
    );
  });

  it('say why the core is not running, and how to start without a desktop', () => {
    expect(coreFailedDialog('It crashed 4 times.')).toEqual({
      title: 'Homelane: the core is not running',
      message: 'The part of Homelane that routes and stores your chats is not running.',
      detail: 'It crashed 4 times.\n\nThe window stays open; each page says what is unavailable.',
    });
    expect(
      startFailedDialog('The data folder /x cannot be created or written: EACCES').detail,
    ).toBe(
      'The data folder /x cannot be created or written: EACCES\n\nThe data folder can be chosen ' +
        'with the HOMELANE_DATA_DIR environment variable. Without a desktop, `npx homelane serve` ' +
        'runs the same app in a browser.',
    );
  });
});
