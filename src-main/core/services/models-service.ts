import type { ModelsList, RoutingModel } from '../../contract';
import { shippedModelCatalog } from '../ml/catalog/model-catalog';
import { listInstalledModels } from '../ml/download/installed-models';
import { modelsDir } from '../ml/download/model-paths';
import type { ServiceContext } from './context';

const STATUS = { ok: 'installed', incomplete: 'incomplete', invalid: 'invalid' } as const;

/** The catalog's routing models with their install state, read from the data folder only. */
export async function listModels(ctx: ServiceContext): Promise<ModelsList> {
  const installed = new Map((await listInstalledModels(ctx.dataDir)).map((m) => [m.id, m]));
  const models: RoutingModel[] = shippedModelCatalog().models.map((entry) => {
    const found = installed.get(entry.id);
    return {
      id: entry.id,
      task: entry.task,
      repo: entry.repo,
      revision: entry.revision,
      description: entry.description,
      signals: [...entry.signals],
      approxSizeBytes: entry.approx_size_bytes,
      status: found ? STATUS[found.status] : 'not_installed',
      installedBytes: found ? found.totalBytes : null,
      installedAt: found?.manifest?.installed_at ?? null,
      problem: found?.problem ?? null,
    };
  });
  return { modelsDir: modelsDir(ctx.dataDir), models };
}
