import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// A classifier's label names, by output index. config.json's id2label is the
// Hugging Face standard; upstream's merged models also ship a mapping file
// (category_mapping.json, pii_type_mapping.json, …) with an idx_to_* table,
// which wins when config.json only says LABEL_0, LABEL_1, ….

const GENERIC = /^LABEL_\d+$/i;

export function readLabels(modelDir: string, mappingFiles: readonly string[]): string[] {
  const fromConfig = indexTable(readJson(join(modelDir, 'config.json'))?.['id2label']);
  if (fromConfig.length > 0 && !fromConfig.every((l) => GENERIC.test(l))) return fromConfig;
  for (const file of mappingFiles) {
    const json = readJson(join(modelDir, file));
    if (!json) continue;
    const key = Object.keys(json).find((k) => k.startsWith('idx_to_') || k === 'id2label');
    const labels = indexTable(key ? json[key] : undefined);
    if (labels.length > 0) return labels;
  }
  return fromConfig;
}

function readJson(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** {"0": "a", "1": "b"} or ["a", "b"] → ["a", "b"]. */
function indexTable(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (!value || typeof value !== 'object') return [];
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([index, label]) => [Number(index), String(label)] as const)
    .filter(([index]) => Number.isInteger(index) && index >= 0)
    .sort((a, b) => a[0] - b[0]);
  const labels: string[] = [];
  for (const [index, label] of entries) labels[index] = label;
  return Array.from(labels, (l, i) => l ?? `LABEL_${i}`);
}
