import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import type { ProfileReload } from '../../contract';
import { createLogger } from '../logger';
import type { EventBus } from './event-bus';
import type { LanesRuntime } from './lanes-runtime';
import type { LoadedProfile } from './default-profile';
import { ProfileError, loadProfile } from './default-profile';
import type { RoutingRuntime } from './routing-runtime';

const log = createLogger('profile');

// Hot reload of the routing profile: when its file changes (or on request)
// the file is read and checked again. A valid profile gets its router built
// and its lanes assembled, then takes over; one with errors is refused with
// its located problems, and the profile in force keeps serving.

/** Changes closer together than this are read once. */
const SETTLE_MS = 250;

export interface ReloaderOptions {
  /** The profile's file; undefined for the built-in profile, which never changes. */
  file: string | undefined;
  routing: RoutingRuntime;
  lanes: LanesRuntime | null;
  events: EventBus;
  load?: (file: string) => Promise<LoadedProfile>;
}

export class ProfileReloader {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ProfileReload> | undefined;

  constructor(private readonly options: ReloaderOptions) {}

  /** Reloads whenever the file changes, until stop(). */
  watch(): void {
    const { file } = this.options;
    if (!file || this.watcher) return;
    try {
      this.watcher = watch(file, () => this.soon());
      this.watcher.on('error', (error) =>
        log.warn({ err: error, file }, 'watching the profile stopped'),
      );
    } catch (error) {
      log.warn({ err: error, file }, 'the profile file cannot be watched; reload on request only');
    }
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Reads the file again; reloads run one at a time. */
  reload(): Promise<ProfileReload> {
    const previous = this.running ?? Promise.resolve(undefined);
    const next = previous.then(() => this.reloadOnce());
    this.running = next;
    return next;
  }

  private soon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.reload();
    }, SETTLE_MS);
  }

  private async reloadOnce(): Promise<ProfileReload> {
    const { file, routing, lanes, events } = this.options;
    const current = routing.profile.info;
    if (!file) {
      return {
        reloaded: false,
        profile: current,
        problems: ['The built-in profile has no file to reload; start with -c FILE to use one.'],
      };
    }
    const at = new Date().toISOString();
    let loaded: LoadedProfile;
    try {
      loaded = await (this.options.load ?? loadProfile)(file);
    } catch (error) {
      const problems =
        error instanceof ProfileError ? error.problems : [`${file}: ${(error as Error).message}`];
      log.warn({ file, problems: problems.length }, 'the changed profile was refused');
      events.emit('profile.rejected', { source: file, problems, at });
      return { reloaded: false, profile: current, problems };
    }
    await routing.swap(loaded);
    await lanes?.useConfig(loaded.config);
    log.info({ file }, 'profile reloaded');
    events.emit('profile.changed', { profile: loaded.info, at });
    return { reloaded: true, profile: loaded.info, problems: [] };
  }
}
