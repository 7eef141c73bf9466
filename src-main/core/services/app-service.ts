import type { AppInfo } from '../../contract';
import { APP_VERSION } from '../version';
import type { ServiceContext } from './context';

export function appInfo(ctx: ServiceContext): AppInfo {
  return {
    name: 'Homelane',
    version: APP_VERSION,
    runtime: ctx.runtime,
    dataDir: ctx.dataDir,
    // The profile in force: a reload may have replaced the one the app started with.
    profile: ctx.routing?.profile.info ?? ctx.profile,
    platform: `${process.platform}-${process.arch}`,
    nodeVersion: process.versions.node,
    cloudEscalation: ctx.cloudEscalation,
    database: ctx.database,
  };
}
