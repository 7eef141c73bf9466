import type { ProfileInfo, Runtime } from '../../contract';

/** What every service needs to know about the process it runs in. */
export interface ServiceContext {
  runtime: Runtime;
  dataDir: string;
  /** The routing profile in force; null until one is loaded. */
  profile: ProfileInfo | null;
}
