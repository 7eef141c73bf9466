import { ApiError } from '../../../contract';
import type { ModelsPull, ModelsVerify, RoutingModel } from '../../../contract';
import { findCatalogEntry, shippedModelCatalog } from '../../ml/catalog/model-catalog';
import type { CatalogEntry } from '../../ml/catalog/model-catalog';
import { HubEndpointError, resolveHubSettings } from '../../ml/download/hub-settings';
import { listInstalledModels } from '../../ml/download/installed-models';
import type { ServiceContext } from '../context';
import { listModels } from '../models-service';
import { ModelDownloads } from './model-downloads';

// `models.pull` and `models.verify` for a running app: one ModelDownloads
// per service context, made on first use.

const downloads = new WeakMap<ServiceContext, ModelDownloads>();

function hubSettings() {
  try {
    return resolveHubSettings();
  } catch (error) {
    if (error instanceof HubEndpointError) {
      throw new ApiError('unavailable', `HF_ENDPOINT: ${error.message}`, {
        reason: 'bad_endpoint',
      });
    }
    throw error;
  }
}

export function downloadsOf(ctx: ServiceContext): ModelDownloads {
  let found = downloads.get(ctx);
  if (!found) {
    found = new ModelDownloads({
      dataDir: ctx.dataDir,
      emit: (name, payload) => ctx.events.emit(name, payload),
      hub: hubSettings,
      describe: async (id) => describeModel(ctx, id),
      // The router loads models when it is built: rebuild it so the new ones are used.
      onInstalled: async () => {
        if (ctx.routing) await ctx.routing.swap(ctx.routing.profile);
      },
    });
    downloads.set(ctx, found);
  }
  return found;
}

async function describeModel(ctx: ServiceContext, id: string): Promise<RoutingModel> {
  const model = (await listModels(ctx)).models.find((entry) => entry.id === id);
  if (!model) throw new Error(`no catalog model ${id}`);
  return model;
}

function catalogEntries(ids: readonly string[]): CatalogEntry[] {
  const catalog = shippedModelCatalog();
  const unknown = ids.filter((id) => !findCatalogEntry(catalog, id));
  if (unknown.length > 0) {
    throw new ApiError(
      'invalid_input',
      `No model ${unknown.map((id) => `"${id}"`).join(', ')} in the catalog; the models are ${catalog.models.map((m) => m.id).join(', ')}.`,
      { unknown },
    );
  }
  return [...new Set(ids)].map((id) => findCatalogEntry(catalog, id) as CatalogEntry);
}

export function pullModels(ctx: ServiceContext, input: { ids: string[] }): ModelsPull {
  const entries = catalogEntries(input.ids);
  return downloadsOf(ctx).start(entries);
}

export async function verifyModels(
  ctx: ServiceContext,
  input: { ids?: string[] | undefined },
): Promise<ModelsVerify> {
  let ids: string[];
  if (input.ids) {
    ids = catalogEntries(input.ids).map((entry) => entry.id);
  } else {
    ids = (await listInstalledModels(ctx.dataDir)).map((model) => model.id);
  }
  const models = await downloadsOf(ctx).verify(ids);
  return { ok: models.every((model) => model.ok), models };
}
