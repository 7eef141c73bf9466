import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeHub } from '../support/fake-hub-server';
import { startFakeHub } from '../support/fake-hub-server';
import { seedRepo } from '../support/model-hub-fixture';
import { HOMELANE_BIN, REPO_ROOT } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

// `homelane models …` from the built CLI (run `npx electron-vite build`
// first), against the stand-in hub through HF_ENDPOINT, in a temp data folder.

const REPO = 'llm-semantic-router/mmbert32k-jailbreak-detector-merged';
const DATA = 'onnx/model.onnx.data';
const temp = makeTempDir('homelane-models-cli-');
const dataDir = join(temp.dir, 'data');
let hub: FakeHub;
let files: Map<string, Buffer>;
let closedEndpoint: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function homelane(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOMELANE_BIN, ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        HF_ENDPOINT: hub.url,
        HF_TOKEN: '',
        HOMELANE_LOG_LEVEL: 'silent',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`homelane ${args.join(' ')} did not finish\n${stdout}\n${stderr}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  hub = await startFakeHub();
  files = seedRepo(hub, REPO);
  hub.setFile(REPO, 'jailbreak_type_mapping.json', Buffer.from('{"label_to_idx":{}}'), {
    lfs: false,
  });
  closedEndpoint = await new Promise<string>((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(`http://127.0.0.1:${port}`));
    });
  });
});
afterAll(async () => {
  await hub.close();
  temp.cleanup();
});

describe('homelane models (built)', () => {
  it('pull downloads, verifies and installs a catalog model, with plain progress lines off a terminal', async () => {
    const run = await homelane(['models', 'pull', 'jailbreak', '--data-dir', dataDir]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`listing ${REPO}@main on ${hub.url}`);
    expect(run.stderr).toMatch(/pulling jailbreak: 5 files/);
    expect(run.stderr).toContain('done onnx/model.onnx.data (sha256 verified)');
    expect(run.stderr).toContain('done config.json (size checked)');
    expect(run.stderr).toContain('not in the repository (optional): tokenizer_config.json');
    expect(run.stderr).toContain(`installed jailbreak in ${join(dataDir, 'models', 'jailbreak')}`);
    expect(run.stderr).not.toContain('\r');
    const installed = readFileSync(join(dataDir, 'models', 'jailbreak', DATA));
    expect(installed.equals(files.get(DATA) ?? Buffer.alloc(0))).toBe(true);
  });

  it('list works offline and shows what is installed', async () => {
    const json = await homelane(['models', 'list', '--json', '--data-dir', dataDir], {
      HF_ENDPOINT: closedEndpoint,
    });
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as {
      models: { id: string; status: string; repo: string; files: unknown[] }[];
    };
    expect(listed.models.map((m) => m.id)).toEqual([
      'embedding',
      'domain',
      'jailbreak',
      'pii',
      'fact_check',
      'feedback',
      'modality',
    ]);
    expect(listed.models.find((m) => m.id === 'jailbreak')).toMatchObject({
      status: 'ok',
      repo: REPO,
    });
    expect(listed.models.find((m) => m.id === 'embedding')?.status).toBe('not_installed');
    const human = await homelane(['models', 'list', '--data-dir', dataDir], {
      HF_ENDPOINT: closedEndpoint,
    });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^jailbreak\s+installed\s+\d/m);
    expect(human.stdout).toMatch(/^embedding\s+not installed\s+~1\.25 GB/m);
  });

  it('verify re-hashes the files and fails (exit 1) on a modified one', async () => {
    const ok = await homelane(['models', 'verify', '--data-dir', dataDir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^jailbreak\s+ok \(5 files re-hashed\)/m);
    const file = join(dataDir, 'models', 'jailbreak', 'onnx', 'model.onnx');
    const original = readFileSync(file);
    const changed = Buffer.from(original);
    changed[0] = (changed[0] ?? 0) ^ 0xff;
    writeFileSync(file, changed);
    try {
      const bad = await homelane(['models', 'verify', 'jailbreak', '--data-dir', dataDir]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('onnx/model.onnx: sha256 differs from the manifest');
      const json = await homelane(['models', 'verify', '--json', '--data-dir', dataDir]);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false });
    } finally {
      writeFileSync(file, original);
    }
  });

  it('an interrupted pull fails with exit 1 and the next one resumes from the partial file', async () => {
    const fresh = join(temp.dir, 'resume');
    hub.switches.cutAfterBytes.set(DATA, 120_000);
    const first = await homelane(['models', 'pull', 'jailbreak', '--data-dir', fresh]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/homelane models pull: cannot download from .*\[offline\]/);
    const before = hub.rangesFor(DATA).length;
    // --endpoint wins over an unreachable HF_ENDPOINT.
    const second = await homelane(
      ['models', 'pull', 'jailbreak', '--data-dir', fresh, '--endpoint', hub.url],
      { HF_ENDPOINT: closedEndpoint },
    );
    expect(second.code).toBe(0);
    const resumedFrom = /resuming onnx\/model\.onnx\.data from/.test(second.stderr);
    expect(resumedFrom).toBe(true);
    const ranges = hub.rangesFor(DATA).slice(before);
    expect(ranges).toHaveLength(1);
    expect(ranges[0]).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it('pull reports not_found with exit 1 when the hub does not have the repository', async () => {
    hub.switches.missingRepos.add(REPO);
    try {
      const run = await homelane([
        'models',
        'pull',
        'jailbreak',
        '--data-dir',
        join(temp.dir, 'x'),
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /has no .*mmbert32k-jailbreak-detector-merged@main.*\[not_found\]/,
      );
    } finally {
      hub.switches.missingRepos.clear();
    }
  });

  it('exits 2 on usage errors', async () => {
    const unknown = await homelane(['models', 'pull', 'sentiment', '--data-dir', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /no model "sentiment" in the catalog; the models are embedding, domain/,
    );
    const missing = await homelane(['models', 'pull']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument/);
    const badEndpoint = await homelane(['models', 'pull', 'pii', '--endpoint', 'ftp://mirror']);
    expect(badEndpoint.code).toBe(2);
    expect(badEndpoint.stderr).toMatch(/not a hub endpoint/);
  });

  it('remove deletes an installed model; removing it again fails with exit 1', async () => {
    const run = await homelane(['models', 'remove', 'jailbreak', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(existsSync(join(dataDir, 'models', 'jailbreak'))).toBe(false);
    const again = await homelane(['models', 'remove', 'jailbreak', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/jailbreak is not installed/);
  });
});
