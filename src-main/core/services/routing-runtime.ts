import type { Router } from '../router/router';
import { createLogger } from '../logger';
import { buildAppRouter } from './chat/chat-router';
import type { AppRouter } from './chat/chat-router';
import type { LoadedProfile } from './default-profile';

const log = createLogger('routing');

// The routing profile in force in a running app and its router, shared by
// chat, the OpenAI-compatible endpoint and eval. A new profile (a reload)
// gets its router built first; requests keep using the old one until it is
// ready, and the old one's models are freed once the last request that
// borrowed it has finished.

export type RouterBuilder = (dataDir: string, profile: LoadedProfile) => Promise<AppRouter>;

interface Generation {
  profile: LoadedProfile;
  built: Promise<AppRouter>;
  borrowed: number;
  retired: boolean;
}

export class RoutingRuntime {
  private current: Generation;
  private closed = false;

  constructor(
    private readonly dataDir: string,
    profile: LoadedProfile,
    private readonly build: RouterBuilder = (dir, loaded) => buildAppRouter(dir, loaded.config),
  ) {
    this.current = this.start(profile);
  }

  /** The profile in force. */
  get profile(): LoadedProfile {
    return this.current.profile;
  }

  /** Runs `use` with the router in force; its models stay loaded until `use` settles. */
  async withRouter<T>(use: (router: Router) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('routing has stopped');
    const generation = this.current;
    generation.borrowed += 1;
    try {
      const { router } = await generation.built;
      return await use(router);
    } finally {
      generation.borrowed -= 1;
      this.releaseIfDone(generation);
    }
  }

  /** Puts `profile` in force once its router is built; the old one serves until then. */
  async swap(profile: LoadedProfile): Promise<void> {
    const next = this.start(profile);
    await next.built;
    const previous = this.current;
    this.current = next;
    previous.retired = true;
    this.releaseIfDone(previous);
  }

  /** Frees the router's models; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.current.retired = true;
    this.releaseIfDone(this.current);
    await this.current.built.then(
      () => undefined,
      () => undefined,
    );
  }

  private start(profile: LoadedProfile): Generation {
    const built = this.build(this.dataDir, profile);
    // A failure is reported to the request that needs the router.
    built.catch((error: unknown) =>
      log.error({ err: error, profile: profile.info.name }, 'the router could not be built'),
    );
    return { profile, built, borrowed: 0, retired: false };
  }

  private releaseIfDone(generation: Generation): void {
    if (!generation.retired || generation.borrowed > 0) return;
    generation.built.then(
      (app) => app.release().catch((error: unknown) => log.error({ err: error }, 'release failed')),
      () => undefined,
    );
  }
}
