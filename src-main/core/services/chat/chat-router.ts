import type { RouterConfig } from '../../config/router-config';
import { createLogger } from '../../logger';
import { Router } from '../../router/router';

const log = createLogger('chat');

/** The router a running app chats through, and what frees its models. */
export interface AppRouter {
  router: Router;
  release(): Promise<void>;
}

/**
 * Builds the router of the loaded profile: with the on-device models that are
 * installed in the data folder, or without any (lite) when none are. A model
 * that fails to load, or a signal set that cannot be prepared with the
 * models, is logged and routing goes on without it — never fatal.
 */
export async function buildAppRouter(dataDir: string, config: RouterConfig): Promise<AppRouter> {
  try {
    const { loadMlRuntime } = await import('../../ml/runtime/load-ml-runtime');
    const loaded = await loadMlRuntime(dataDir, config);
    for (const model of loaded.models) {
      if (model.status === 'error') {
        log.error(
          { role: model.role, reason: model.reason },
          'a routing model could not be loaded',
        );
      }
    }
    try {
      const { loadKnowledgeBases } = await import('../../ml/knowledge-bases');
      const router = await Router.create(config, {
        ml: loaded.ml,
        kbs: loadKnowledgeBases(config),
      });
      loaded.candidateCache?.seal();
      return { router, release: () => loaded.release() };
    } catch (error) {
      await loaded.release();
      throw error;
    }
  } catch (error) {
    log.error({ err: error }, 'routing with the on-device models failed to start; routing lite');
    return { router: await Router.create(config), release: () => Promise.resolve() };
  }
}
