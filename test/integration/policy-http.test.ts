import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomelaneClient } from '../../src-main/contract';
import { PolicyCheckSchema } from '../../src-main/contract/policy';
import { createHttpClient } from '../../src-renderer/src/api/http-client';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { HAS_SHARED, SHARED_MISSING_REASON, readShared } from '../support/shared-recipes';
import { makeTempDir } from '../support/temp-dir';

// policy.check through the HTTP transport, called by the renderer's own HTTP
// client as the policy editor calls it.

const temp = makeTempDir('homelane-policy-http-');
let served: AppServer;
let client: HomelaneClient;

beforeAll(async () => {
  served = await startAppServer({ dataDir: join(temp.dir, 'data') });
  client = createHttpClient(served.url);
});
afterAll(async () => {
  await served?.close();
  temp.cleanup();
});

async function check(source: string) {
  const result = await client.call('policy.check', { source, format: 'dsl' });
  if (!result.ok) throw new Error(`policy.check failed: ${result.error.message}`);
  // What crossed the wire still matches the contract.
  return PolicyCheckSchema.parse(result.data);
}

const MISSPELLED = `SIGNAL keyword urgent {
  operator: "OR"
  keywords: ["asap", "right now"]
}

ROUTE fast {
  PRIORITY 10
  WHEN keyword("urgnet")
  MODEL "local/small"
}
`;

describe('policy.check over HTTP', () => {
  it('warns about a misspelled signal reference and offers the fix', async () => {
    const answer = await check(MISSPELLED);
    expect(answer.errorCount).toBe(0);
    const unknown = answer.diagnostics.filter((d) => d.code === 'unknown_signal');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({
      severity: 'warning',
      line: 8,
      column: 16,
      endLine: 8,
      endColumn: 24,
      fix: { newText: '"urgent"' },
    });
    expect(answer.symbols.signals).toEqual([{ type: 'keyword', name: 'urgent' }]);
    expect(answer.symbols.routes).toEqual(['fast']);
    expect(answer.symbols.models).toEqual(['local/small']);
  });

  it('applying the fix to its range clears the warning', async () => {
    const answer = await check(MISSPELLED);
    const warning = answer.diagnostics.find((d) => d.code === 'unknown_signal');
    if (!warning?.fix || warning.endColumn === undefined) throw new Error('no fix offered');
    const lines = MISSPELLED.split('\n');
    const line = lines[warning.line - 1] ?? '';
    lines[warning.line - 1] =
      line.slice(0, warning.column - 1) + warning.fix.newText + line.slice(warning.endColumn - 1);
    const fixed = await check(lines.join('\n'));
    expect(fixed.diagnostics.filter((d) => d.code === 'unknown_signal')).toEqual([]);
  });

  it('locates a syntax error and still lists what the file declares', async () => {
    const answer = await check(
      'SIGNAL keyword urgent { keywords: ["asap"] }\nROUTE fast {\n  PRIORITY soon\n}\n',
    );
    expect(answer.errorCount).toBeGreaterThan(0);
    const syntax = answer.diagnostics.find((d) => d.severity === 'error');
    expect(syntax).toMatchObject({ code: 'syntax_error', line: 3, column: 12 });
    expect(syntax?.message).toContain('PRIORITY');
    expect(answer.symbols.signals).toEqual([{ type: 'keyword', name: 'urgent' }]);
  });

  it('answers an empty policy with no diagnostics', async () => {
    const answer = await check('');
    expect(answer.diagnostics).toEqual([]);
    expect(answer.errorCount).toBe(0);
    expect(answer.symbols).toEqual({
      signals: [],
      projectionOutputs: [],
      models: [],
      plugins: [],
      routes: [],
    });
  });

  it('refuses another format and an oversized source as invalid input', async () => {
    const yaml = await client.call('policy.check', {
      source: 'routing: {}',
      format: 'yaml' as 'dsl',
    });
    expect(yaml.ok ? 'ok' : yaml.error.code).toBe('invalid_input');
    const huge = await client.call('policy.check', {
      source: '#'.repeat(2 * 1024 * 1024 + 1),
      format: 'dsl',
    });
    expect(huge.ok ? 'ok' : huge.error.code).toBe('invalid_input');
  });

  describe.skipIf(!HAS_SHARED)(
    `upstream recipes (${HAS_SHARED ? 'present' : SHARED_MISSING_REASON})`,
    () => {
      it('checks the balance recipe clean and lists its mapping outputs', async () => {
        const answer = await check(readShared('balance/recipe.dsl'));
        expect(answer.errorCount).toBe(0);
        expect(answer.symbols.projectionOutputs).toContain('balance_reasoning');
        expect(answer.symbols.plugins).toContain('router_replay');
        expect(answer.symbols.signals.length).toBeGreaterThan(20);
      });
    },
  );
});
