import type { ModelCatalog } from '../ml/catalog/model-catalog';
import type { InstalledModel } from '../ml/download/installed-models';
import type { VerifyResult } from '../ml/download/verify-installed';
import { formatBytes } from './pull-progress';

// What `homelane models list` and `verify` print: a table for people, or JSON.

export interface ModelListRow {
  id: string;
  repo: string | null;
  revision: string | null;
  task: string | null;
  signals: string[];
  in_catalog: boolean;
  approx_size_bytes: number | null;
  status: 'ok' | 'incomplete' | 'invalid' | 'not_installed';
  problem: string | null;
  dir: string | null;
  installed_at: string | null;
  commit: string | null;
  size_bytes: number | null;
  files: {
    path: string;
    size: number;
    present: boolean;
    actual_size: number | null;
    ok: boolean;
  }[];
}

/** Catalog models in catalog order, then installed folders the catalog does not name. */
export function modelListRows(catalog: ModelCatalog, installed: InstalledModel[]): ModelListRow[] {
  const byId = new Map(installed.map((model) => [model.id, model]));
  const row = (id: string, model: InstalledModel | undefined): ModelListRow => {
    const entry = catalog.models.find((m) => m.id === id);
    return {
      id,
      repo: model?.manifest?.repo ?? entry?.repo ?? null,
      revision: model?.manifest?.revision ?? entry?.revision ?? null,
      task: entry?.task ?? model?.manifest?.task ?? null,
      signals: entry?.signals ?? [],
      in_catalog: entry !== undefined,
      approx_size_bytes: entry?.approx_size_bytes ?? null,
      status: model ? model.status : 'not_installed',
      problem: model?.problem ?? null,
      dir: model?.dir ?? null,
      installed_at: model?.manifest?.installed_at ?? null,
      commit: model?.manifest?.commit ?? null,
      size_bytes: model?.manifest ? model.totalBytes : null,
      files: (model?.files ?? []).map((f) => ({
        path: f.path,
        size: f.size,
        present: f.present,
        actual_size: f.actualSize,
        ok: f.ok,
      })),
    };
  };
  const rows = catalog.models.map((entry) => row(entry.id, byId.get(entry.id)));
  for (const model of installed)
    if (!catalog.models.some((m) => m.id === model.id)) rows.push(row(model.id, model));
  return rows;
}

const STATUS_TEXT: Record<ModelListRow['status'], string> = {
  ok: 'installed',
  incomplete: 'incomplete',
  invalid: 'broken',
  not_installed: 'not installed',
};

export function formatModelList(rows: ModelListRow[], modelsFolder: string): string {
  const lines = [`${'MODEL'.padEnd(12)}${'STATUS'.padEnd(15)}${'SIZE'.padEnd(11)}REPOSITORY`];
  for (const row of rows) {
    const size =
      row.size_bytes !== null
        ? formatBytes(row.size_bytes)
        : row.approx_size_bytes !== null
          ? `~${formatBytes(row.approx_size_bytes)}`
          : '';
    const repo = row.repo ? `${row.repo}@${row.revision ?? 'main'}` : '';
    const extra = row.in_catalog ? '' : ' (not in the catalog)';
    lines.push(
      `${row.id.padEnd(12)}${STATUS_TEXT[row.status].padEnd(15)}${size.padEnd(11)}${repo}${extra}`,
    );
    if (row.problem) lines.push(`${''.padEnd(12)}${row.problem}`);
  }
  lines.push(`models folder: ${modelsFolder}`);
  return `${lines.join('\n')}\n`;
}

const FILE_STATUS_TEXT = {
  ok: 'ok',
  missing: 'missing',
  size_mismatch: 'wrong size',
  hash_mismatch: 'sha256 differs from the manifest',
} as const;

export function formatVerifyResult(result: VerifyResult): string {
  if (result.problem) return `${result.id.padEnd(12)}FAILED: ${result.problem}\n`;
  if (result.ok)
    return `${result.id.padEnd(12)}ok (${result.files.length} file${result.files.length === 1 ? '' : 's'} re-hashed)\n`;
  const bad = result.files
    .filter((f) => f.status !== 'ok')
    .map((f) => `${f.path}: ${FILE_STATUS_TEXT[f.status]}`);
  return `${result.id.padEnd(12)}FAILED: ${bad.join('; ')}\n`;
}
