import type { Runtime } from '../../contract';
import { createLogger } from '../logger';
import type { CloudEscalation } from '../privacy/egress-guard';
import type { SecretStore } from '../secrets/secret-store';
import { StoreError } from '../store/database';
import { ChatService } from './chat/chat-service';
import type { ServiceContext } from './context';
import type { LoadedProfile } from './default-profile';
import { EventBus } from './event-bus';
import { LanesRuntime } from './lanes-runtime';
import { ProfileReloader } from './profile-reloader';
import { RoutingRuntime } from './routing-runtime';
import type { RouterBuilder } from './routing-runtime';
import { savedCloudEscalation } from './settings-service';

const log = createLogger('services');

/** Until the person chooses: requests that are not private go where the policy says. */
export const DEFAULT_CLOUD_ESCALATION: CloudEscalation = 'allow';

export interface ContextOptions {
  runtime: Runtime;
  dataDir: string;
  secrets?: SecretStore;
  cloudEscalation?: CloudEscalation;
  /** The routing profile in force (its lanes are watched too). */
  profile?: LoadedProfile;
  /** How the profile's router is built (default: with the installed on-device models). */
  buildRouter?: RouterBuilder;
  /** The profile's file: it is watched and reloaded when it changes (absent: the built-in one). */
  profileFile?: string;
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
  const routing = options.profile
    ? new RoutingRuntime(options.dataDir, options.profile, options.buildRouter)
    : null;
  const reloader = routing
    ? new ProfileReloader({ file: options.profileFile, routing, lanes, events })
    : null;
  reloader?.watch();
  const context: ServiceContext = {
    runtime: options.runtime,
    dataDir: options.dataDir,
    profile: options.profile?.info ?? null,
    events,
    lanes,
    cloudEscalation: options.cloudEscalation ?? DEFAULT_CLOUD_ESCALATION,
    secrets: options.secrets ?? null,
    routing,
    reloader,
    chat: null,
    database: { state: 'not_opened', problem: null },
  };
  if (routing) {
    Object.assign(
      context,
      openChat({
        dataDir: options.dataDir,
        routing,
        laneSet: () => lanes.laneSet(),
        events,
        // Read at each turn: the person may change it in Settings while the app runs.
        get cloudEscalation() {
          return context.cloudEscalation;
        },
      }),
    );
    // Without a choice made at start, the person's saved one applies.
    if (options.cloudEscalation === undefined)
      context.cloudEscalation = savedCloudEscalation(context) ?? context.cloudEscalation;
  }
  return context;
}

/**
 * The chat service — read-only when the database is damaged or locked — or
 * null (said in the log and in app.info) when the database cannot be used.
 */
function openChat(
  options: Parameters<typeof ChatService.open>[0],
): Pick<ServiceContext, 'chat' | 'database'> {
  try {
    const chat = ChatService.open(options);
    return { chat, database: chat.databaseStatus };
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    log.error({ err: error, code: error.code }, 'chat is unavailable: the database cannot be used');
    return {
      chat: null,
      database: { state: 'unavailable', problem: { code: error.code, message: error.message } },
    };
  }
}

/** Stops what a running app's context started: the lane watch, the chat turns, the database. */
export async function closeServiceContext(ctx: ServiceContext): Promise<void> {
  ctx.reloader?.stop();
  ctx.lanes?.stop();
  await ctx.chat?.close();
  await ctx.routing?.close();
}

/** A context that watches nothing (tests of single services). */
export function bareServiceContext(runtime: Runtime, dataDir: string): ServiceContext {
  return {
    runtime,
    dataDir,
    profile: null,
    events: new EventBus(),
    lanes: null,
    routing: null,
    reloader: null,
    database: { state: 'not_opened', problem: null },
    cloudEscalation: DEFAULT_CLOUD_ESCALATION,
    secrets: null,
    chat: null,
  };
}
