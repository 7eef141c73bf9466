import type { DatabaseStatus, ProfileInfo, Runtime } from '../../contract';
import type { CloudEscalation } from '../privacy/egress-guard';
import type { SecretStore } from '../secrets/secret-store';
import type { ChatService } from './chat/chat-service';
import type { EventBus } from './event-bus';
import type { LanesRuntime } from './lanes-runtime';
import type { ProfileReloader } from './profile-reloader';
import type { RoutingRuntime } from './routing-runtime';

/** What every service needs to know about the process it runs in. */
export interface ServiceContext {
  runtime: Runtime;
  dataDir: string;
  /** The routing profile in force; null until one is loaded. */
  profile: ProfileInfo | null;
  /** Where pushed events go; both transports listen here. */
  events: EventBus;
  /** The lanes and their health; null where none are watched (a bare test context). */
  lanes: LanesRuntime | null;
  /**
   * The person's cloud escalation setting; private requests never reach the cloud whatever it
   * says. Read at each request: `settings.set` changes it in a running app.
   */
  cloudEscalation: CloudEscalation;
  /** Where API keys are kept (names can be listed, values never leave the core); null when none. */
  secrets: SecretStore | null;
  /** The profile in force and its router; null without a profile. */
  routing: RoutingRuntime | null;
  /** Reloads the profile from its file (watched); null without a profile. */
  reloader: ProfileReloader | null;
  /** Chat and the stored conversations; null without a profile or a usable database. */
  chat: ChatService | null;
  /** Whether the database could be opened, and how. */
  database: DatabaseStatus;
}
