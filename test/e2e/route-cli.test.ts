import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedPath } from '../support/shared-recipes';
import { runHomelane } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

const CONFIG = `version: v0.3
providers:
  defaults: { default_model: local }
  models:
    - { name: local, provider_model_id: qwen/qwen3, backend_refs: [{ endpoint: "localhost:8000" }] }
    - { name: cloud, provider_model_id: big/model }
routing:
  modelCards: [{ name: local }, { name: cloud }]
  signals:
    keywords:
      - { name: code, operator: OR, keywords: [python, stack trace] }
  decisions:
    - { name: coding, priority: 10, rules: { type: keyword, name: code }, modelRefs: [{ model: cloud }] }
`;

function write(name: string, text: string): string {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
}

describe('homelane validate / route (built)', () => {
  it('validates a good config and reports every located error of a bad one with exit 1', async () => {
    const good = await runHomelane(['validate', write('good.yaml', CONFIG)]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(
      /valid v0\.3 config — 1 profile, 1 decisions, 1 signal rules, 2 models/,
    );
    const bad = write(
      'bad.yaml',
      CONFIG.replace('operator: OR', 'operator: or').replace('model: cloud', 'model: clod'),
    );
    const result = await runHomelane(['validate', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /bad\.yaml:11:\d+: error \[invalid_operator\] routing\.signals\.keywords\[0\]\.operator/,
    );
    expect(result.stderr).toMatch(
      /bad\.yaml:13:\d+: error \[unknown_model\].*did you mean "cloud"/,
    );
    expect(result.stderr).toContain('2 errors');
  });

  it('routes text to a readable trace and to JSON with id, decision, model and latency_ms', async () => {
    const config = write('route.yaml', CONFIG);
    const human = await runHomelane(['route', '-c', config, 'why does my python script fail?']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/decision\s+coding/);
    expect(human.stdout).toMatch(/model\s+cloud → big\/model/);
    const json = await runHomelane(['route', '-c', config, '--json', 'hello there']);
    const trace = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(trace).toMatchObject({
      decision: null,
      model: 'local',
      requested_model: 'vllm-sr/auto',
    });
    expect(typeof trace['id']).toBe('string');
    expect(typeof trace['latency_ms']).toBe('number');
  });

  it('routes a messages file', async () => {
    const messages = write(
      'messages.json',
      JSON.stringify([
        { role: 'user', content: 'here is a stack trace' },
        { role: 'assistant', content: 'thanks' },
        { role: 'user', content: 'anything else?' },
      ]),
    );
    const result = await runHomelane([
      'route',
      '-c',
      write('m.yaml', CONFIG),
      '--messages',
      messages,
      '--json',
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({ decision: null, text: 'anything else?' });
  });

  it('routes a JSONL batch in input order, echoing ids, and reports bad lines without stopping', async () => {
    const batch = write(
      'batch.jsonl',
      [
        JSON.stringify({ id: 'a', text: 'python stack trace here' }),
        JSON.stringify({
          id: 2,
          messages: [{ role: 'user', content: 'good morning' }],
          extra: true,
        }),
        '{not json',
        JSON.stringify({ id: 'c' }),
        JSON.stringify({ id: 'd', text: 'more python' }),
      ].join('\n'),
    );
    const result = await runHomelane(['route', '-c', write('b.yaml', CONFIG), '--batch', batch]);
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['id'])).toEqual(['a', '2', null, 'c', 'd']);
    expect(lines.map((l) => l['decision'] ?? null)).toEqual(['coding', null, null, null, 'coding']);
    expect(lines[2]?.['error']).toMatchObject({ code: 'invalid_json' });
    expect(lines[3]?.['error']).toMatchObject({ code: 'invalid_input' });
    expect(String((lines[3]?.['error'] as { message: string }).message)).toContain(':4:');
  });

  it('refuses an unknown model', async () => {
    const result = await runHomelane([
      'route',
      '-c',
      write('u.yaml', CONFIG),
      '--model',
      'gpt-9',
      'hi',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('model "gpt-9" is not available');
  });
});

describe.skipIf(!HAS_SHARED)(
  `homelane probe on upstream recipes (${HAS_SHARED ? 'present' : SHARED_MISSING_REASON})`,
  () => {
    it('prints a line per variant and the summary line, exiting 1 while variants wait on models', async () => {
      const result = await runHomelane([
        'probe',
        '-c',
        sharedPath('privacy/config.yaml'),
        '-p',
        sharedPath('privacy/probes.yaml'),
      ]);
      expect(result.code).toBe(1);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(21);
      expect(lines.at(-1)).toBe('15 passed, 5 failed');
      expect(
        lines
          .filter((l) => l.startsWith('FAIL'))
          .every((l) => l.includes('[waiting on model signals:')),
      ).toBe(true);
    });
  },
);
