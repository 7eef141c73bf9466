import { closeServiceContext, createServiceContext } from '../core/services/create-context';
import { loadStartupProfile } from '../core/services/profile-import/startup-profile';
import { dispatch } from '../core/services/dispatch';
import { createHandlers } from '../core/services/handlers';
import type { SecretStore } from '../core/secrets/secret-store';
import type { OpenedCore } from './core-host';

/**
 * The core's services for the desktop app, opened inside the core process:
 * the same context, handlers and dispatch (with its input validation) that
 * `homelane serve` uses.
 */
export async function openCoreServices(options: {
  dataDir: string;
  secrets: SecretStore;
}): Promise<OpenedCore> {
  const context = await createServiceContext({
    runtime: 'electron',
    dataDir: options.dataDir,
    secrets: options.secrets,
    // The profile applied in the app (saved in the data folder), else the built-in recipe.
    ...(await startupProfile(options.dataDir)),
  });
  const handlers = createHandlers(context);
  return {
    call: (method, input) => dispatch(handlers, method, input),
    subscribe: (listener) => context.events.subscribe(listener),
    close: () => closeServiceContext(context),
  };
}

async function startupProfile(dataDir: string) {
  const startup = await loadStartupProfile(dataDir);
  return { profile: startup.profile, ...(startup.file ? { profileFile: startup.file } : {}) };
}
