import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { startAppServer } from './app-server';
import type { AppServer } from './app-server';
import { pricedStandInPolicy } from './priced-policy';
import { startStandInLlm } from './stand-in-llm';
import type { StandInLlm } from './stand-in-llm';

export interface StandInApp {
  llm: StandInLlm;
  app: AppServer;
  /** The profile in force: `pricedStandInPolicy` on the stand-in, saved in `dir`. */
  policyFile: string;
  /** Stops the app, then the stand-in (the folder stays; its owner removes it). */
  close(): Promise<void>;
}

/**
 * The stand-in LLM, and the app as `homelane serve` wires it with the two
 * priced aliases of `pricedStandInPolicy` on it; its data folder is
 * `<dir>/data`.
 */
export async function startStandInApp(dir: string): Promise<StandInApp> {
  const llm = await startStandInLlm();
  const policyFile = join(dir, 'policy.yaml');
  writeFileSync(policyFile, pricedStandInPolicy(llm.url));
  const app = await startAppServer({
    dataDir: join(dir, 'data'),
    profile: await loadProfile(policyFile),
  });
  return {
    llm,
    app,
    policyFile,
    close: async () => {
      await app.close();
      await llm.stop();
    },
  };
}
