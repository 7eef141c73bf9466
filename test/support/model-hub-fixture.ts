import type { CatalogEntry } from '../../src-main/core/ml/catalog/model-catalog';
import { resolveHubSettings } from '../../src-main/core/ml/download/hub-settings';
import type { HubSettings } from '../../src-main/core/ml/download/hub-settings';
import type { FakeHub } from './fake-hub-server';
import { randomContent } from './fake-hub-server';

// A small model repository on the stand-in hub, and the catalog entry that
// asks for it: two LFS files (the ONNX graph and its external data, a few
// hundred KB of random bytes) and two non-LFS JSON files.

export const TEST_REPO = 'test-org/tiny-classifier';

export function seedRepo(hub: FakeHub, repo = TEST_REPO): Map<string, Buffer> {
  const files = new Map<string, Buffer>([
    ['onnx/model.onnx', randomContent(300_000)],
    ['onnx/model.onnx.data', randomContent(400_000)],
    ['tokenizer.json', Buffer.from(JSON.stringify({ model: { vocab: ['a', 'b', 'c'] } }))],
    ['config.json', Buffer.from(JSON.stringify({ id2label: { 0: 'benign', 1: 'jailbreak' } }))],
  ]);
  for (const [path, content] of files)
    hub.setFile(repo, path, content, { lfs: path.startsWith('onnx/') });
  // A file the catalog does not ask for: never downloaded.
  hub.setFile(repo, 'model.safetensors', randomContent(1000));
  return files;
}

export function testEntry(overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id: 'jailbreak',
    repo: TEST_REPO,
    revision: 'main',
    task: 'sequence_classification',
    files: [
      { path: 'onnx/model.onnx', optional: false },
      { path: 'onnx/model.onnx.data', optional: false },
      { path: 'tokenizer.json', optional: false },
      { path: 'config.json', optional: false },
      { path: 'jailbreak_type_mapping.json', optional: true },
    ],
    approx_size_bytes: 700_000,
    description: 'a test model',
    signals: ['jailbreak'],
    ...overrides,
  };
}

export function testHub(
  hub: FakeHub,
  options: { idleTimeoutMs?: number; connectTimeoutMs?: number; token?: string } = {},
): HubSettings {
  return resolveHubSettings({
    endpoint: hub.url,
    env: {},
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 5_000,
    token: options.token,
  });
}
