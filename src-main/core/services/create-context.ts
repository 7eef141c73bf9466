import type { Runtime } from '../../contract';
import type { CloudEscalation } from '../privacy/egress-guard';
import type { SecretStore } from '../secrets/secret-store';

/** Until the person chooses: requests that are not private go where the policy says. */
export const DEFAULT_CLOUD_ESCALATION: CloudEscalation = 'allow';
import type { ServiceContext } from './context';
import type { LoadedProfile } from './default-profile';
import { EventBus } from './event-bus';
import { LanesRuntime } from './lanes-runtime';

export interface ContextOptions {
  runtime: Runtime;
  dataDir: string;
  secrets?: SecretStore;
  cloudEscalation?: CloudEscalation;
  /** The routing profile in force (its lanes are watched too). */
  profile?: LoadedProfile;
}

/** The context of a running app: its events and its watched lanes, started. */
export async function createServiceContext(options: ContextOptions): Promise<ServiceContext> {
  const events = new EventBus();
  const lanes = new LanesRuntime({
    dataDir: options.dataDir,
    events,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.profile ? { config: options.profile.config } : {}),
  });
  await lanes.start();
  return {
    runtime: options.runtime,
    dataDir: options.dataDir,
    profile: options.profile?.info ?? null,
    events,
    lanes,
    cloudEscalation: options.cloudEscalation ?? DEFAULT_CLOUD_ESCALATION,
  };
}

/** A context that watches nothing (tests of single services). */
export function bareServiceContext(runtime: Runtime, dataDir: string): ServiceContext {
  return {
    runtime,
    dataDir,
    profile: null,
    events: new EventBus(),
    lanes: null,
    cloudEscalation: DEFAULT_CLOUD_ESCALATION,
  };
}
