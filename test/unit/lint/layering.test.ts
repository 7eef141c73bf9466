import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules of eslint.config.js, checked against code that breaks
// them. The files need not exist: the config is picked by the path.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layering lint rules', () => {
  it('fails an Electron import in the core and the contract', async () => {
    for (const file of ['src-main/core/router/bad.ts', 'src-main/contract/bad.ts']) {
      expect(await ruleIds(file, "import 'electron';\n")).toContain('no-restricted-imports');
      expect(await ruleIds(file, "export { app } from 'electron';\n")).toContain(
        'no-restricted-imports',
      );
      expect(
        await ruleIds(file, "import { x } from '../../electron/main';\nexport { x };\n"),
      ).toContain('no-restricted-imports');
    }
  });

  it('fails React and DOM use in the core', async () => {
    expect(
      await ruleIds('src-main/core/a.ts', "import React from 'react';\nexport { React };\n"),
    ).toContain('no-restricted-imports');
    expect(await ruleIds('src-main/core/a.ts', 'export const t = document.title;\n')).toContain(
      'no-restricted-globals',
    );
    expect(await ruleIds('src-main/core/a.ts', 'export const w = window;\n')).toContain(
      'no-restricted-globals',
    );
  });

  it('fails console output in the core', async () => {
    expect(await ruleIds('src-main/core/a.ts', "console.log('hi');\n")).toContain('no-console');
  });

  it('keeps Node out of the contract', async () => {
    expect(
      await ruleIds(
        'src-main/contract/a.ts',
        "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('lets the renderer reach src-main only through the contract', async () => {
    const file = 'src-renderer/src/pages/x/X.ts';
    expect(
      await ruleIds(
        file,
        "import { dispatch } from '../../../../src-main/core/services/dispatch';\nexport { dispatch };\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(file, "import { ok } from '../../../../src-main/contract';\nexport { ok };\n"),
    ).toEqual([]);
    expect(
      await ruleIds(
        file,
        "import { ok } from '../../../../src-main/contract/result';\nexport { ok };\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(file, "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n"),
    ).toContain('no-restricted-imports');
  });

  it('lets the preload import only the contract IPC module', async () => {
    const file = 'src-preload/index.ts';
    expect(
      await ruleIds(
        file,
        "import { BRIDGE_GLOBAL } from '../src-main/contract/ipc';\nexport { BRIDGE_GLOBAL };\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        file,
        "import { dispatch } from '../src-main/core/services/dispatch';\nexport { dispatch };\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('accepts clean core code', async () => {
    expect(
      await ruleIds(
        'src-main/core/a.ts',
        "import { z } from 'zod';\nexport const s = z.string();\n",
      ),
    ).toEqual([]);
  });
});
