import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../../../src-main/core/services/context';
import type { ContextOptions } from '../../../src-main/core/services/create-context';
import {
  closeServiceContext,
  createServiceContext,
} from '../../../src-main/core/services/create-context';
import { loadProfile } from '../../../src-main/core/services/default-profile';
import { createHandlers } from '../../../src-main/core/services/handlers';
import type { ServiceHandlers } from '../../../src-main/core/services/handlers';
import { closedPort } from '../../support/fake-lan-servers';
import { pricedStandInPolicy } from '../../support/priced-policy';
import { makeTempDir } from '../../support/temp-dir';

// A running app's service context for the settings, memory, keys and lanes
// services: the priced stand-in policy (aliases local/small and cloud/big,
// pointed at a port nobody listens on), its database and its lanes.

export interface AppContextFixture {
  dir: string;
  dataDir: string;
  context: ServiceContext;
  handlers: ServiceHandlers;
  close(): Promise<void>;
}

export async function appContext(
  options: Partial<Omit<ContextOptions, 'runtime' | 'dataDir' | 'profile'>> & {
    dataDir?: string;
    /** Runs on the data folder before the app starts (to seed lanes.json, say). */
    prepare?: (dataDir: string) => void;
  } = {},
): Promise<AppContextFixture> {
  const temp = makeTempDir('homelane-services-');
  const dataDir = options.dataDir ?? join(temp.dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  options.prepare?.(dataDir);
  const policy = join(temp.dir, 'policy.yaml');
  writeFileSync(policy, pricedStandInPolicy(`http://127.0.0.1:${await closedPort()}`));
  const { prepare: _prepare, dataDir: _dataDir, ...rest } = options;
  const context = await createServiceContext({
    ...rest,
    runtime: 'server',
    dataDir,
    profile: await loadProfile(policy),
  });
  return {
    dir: temp.dir,
    dataDir,
    context,
    handlers: createHandlers(context),
    close: async () => {
      await closeServiceContext(context);
      temp.cleanup();
    },
  };
}
