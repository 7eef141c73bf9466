import type { LaneHealthView, LaneView, LanesList } from '../../contract';
import type { RouterConfig } from '../config/router-config';
import type { LaneHealth, LaneHealthState } from '../lanes/health-events';
import { HealthMonitor } from '../lanes/health-monitor';
import type { HealthCheckSettings } from '../lanes/health-monitor';
import type { LaneClient } from '../lanes/lane-client';
import { DEFAULT_CONNECT_SETTINGS, connectLanes, probeLaneHealth } from '../lanes/lane-connect';
import type { Lane } from '../lanes/lane-registry';
import { assembleLanes } from '../lanes/lane-set';
import { LaneStore, LaneStoreError } from '../lanes/lane-store';
import type { StoredLanes } from '../lanes/lane-store';
import { managedLaneBaseUrl } from '../lanes/managed/managed-lane-spec';
import { createLogger } from '../logger';
import type { SecretStore } from '../secrets/secret-store';
import type { EventBus } from './event-bus';
import { ManagedOperations } from './managed-operations';

const log = createLogger('lanes');

// The lanes of a running app (desktop or `homelane serve`): assembled from
// the saved lanes and the loaded policy, each routable one watched by the
// health monitor, whose state changes go out as `lanes.health` events.

export interface LanesRuntimeOptions {
  dataDir: string;
  events: EventBus;
  secrets?: SecretStore;
  config?: RouterConfig;
  health?: Partial<HealthCheckSettings>;
  /** Where DOCKER_HOST is read for the managed lanes (default: this process's environment). */
  env?: Record<string, string | undefined>;
}

/** The lanes as they are now, with their clients and health: what a chat turn sends through. */
export interface LaneSet {
  lanes: readonly Lane[];
  clientFor: (lane: Lane) => LaneClient;
  healthOf: (laneId: string) => LaneHealthState | undefined;
}

export class LanesRuntime {
  private lanes: Lane[] = [];
  private stored: StoredLanes = { managed: [], lan: [] };
  private storeProblem: string | null = null;
  private clientOf: (lane: Lane) => LaneClient = () => {
    throw new Error('lanes are not loaded');
  };
  private readonly monitor: HealthMonitor;
  private readonly store: LaneStore;
  /** Starts, stops and reads the managed containers. */
  readonly managed: ManagedOperations;

  constructor(private options: LanesRuntimeOptions) {
    this.store = new LaneStore(options.dataDir);
    this.monitor = new HealthMonitor({
      ...options.health,
      check: (laneId, signal) => {
        const lane = this.lanes.find((entry) => entry.id === laneId);
        if (!lane) throw new Error(`no lane ${laneId}`);
        return probeLaneHealth(this.clientOf(lane), signal);
      },
    });
    this.managed = new ManagedOperations({
      events: options.events,
      ...(options.env ? { env: options.env } : {}),
      onSettled: (name) => this.checkSource(name),
    });
    this.monitor.on('change', (change) =>
      options.events.emit('lanes.health', {
        laneId: change.laneId,
        from: change.from,
        to: change.to,
        health: healthView(change.health),
      }),
    );
  }

  /** Reads the saved lanes again and watches what changed. */
  async reload(): Promise<void> {
    try {
      this.stored = this.store.load();
      this.storeProblem = null;
    } catch (error) {
      if (!(error instanceof LaneStoreError)) throw error;
      this.storeProblem = error.message;
      log.warn({ file: error.file }, 'saved lanes cannot be read; using none');
      this.stored = { managed: [], lan: [] };
    }
    const next = assembleLanes(this.options.config, this.stored);
    this.clientOf = await connectLanes(next, {
      ...DEFAULT_CONNECT_SETTINGS,
      ...(this.options.secrets ? { secrets: this.options.secrets } : {}),
    });
    const watched = new Set(
      next.filter((lane) => lane.baseUrl !== undefined).map((lane) => lane.id),
    );
    for (const lane of this.lanes) if (!watched.has(lane.id)) this.monitor.remove(lane.id);
    for (const id of watched) this.monitor.add(id);
    this.lanes = next;
  }

  /** Assembles the lanes of another profile (a reload) and watches what changed. */
  async useConfig(config: RouterConfig): Promise<void> {
    this.options.config = config;
    await this.reload();
  }

  async start(): Promise<void> {
    await this.reload();
    this.monitor.start();
  }

  stop(): void {
    this.monitor.stop();
    void this.managed.stop();
  }

  /** The lanes saved on this machine, as last read (none when the file is unusable). */
  saved(): StoredLanes {
    return this.stored;
  }

  /** Where the saved lanes are kept. */
  get laneStore(): LaneStore {
    return this.store;
  }

  /** The aliases of the profile in force (what a LAN endpoint or a container can serve). */
  profileAliases(): string[] {
    return this.options.config ? [...this.options.config.models.keys()] : [];
  }

  /** The profile's key names (`api_key_env`) by the alias that uses each. */
  profileKeyNames(): { name: string; alias: string }[] {
    const config = this.options.config;
    if (!config) return [];
    return [...config.models.entries()].flatMap(([alias, model]) =>
      (model.provider?.backend_refs ?? []).flatMap((ref) =>
        ref.api_key_env ? [{ name: ref.api_key_env, alias }] : [],
      ),
    );
  }

  /** Checks now every watched lane a managed lane or LAN endpoint named `source` provides. */
  async checkSource(source: string): Promise<void> {
    const ids = this.lanes
      .filter((lane) => lane.source === source && lane.baseUrl !== undefined)
      .map((lane) => lane.id);
    await Promise.all(ids.map((id) => this.monitor.checkNow(id)));
  }

  list(): LanesList {
    return {
      lanes: this.laneViews(),
      endpoints: this.stored.lan.map((endpoint) => ({
        name: endpoint.name,
        baseUrl: endpoint.baseUrl,
        kind: endpoint.kind,
        aliases: endpoint.aliases,
        locality: endpoint.locality ?? null,
      })),
      managed: this.stored.managed.map((spec) => ({
        name: spec.name,
        image: spec.image,
        model: spec.model,
        servedModelNames: spec.servedModelNames,
        baseUrl: managedLaneBaseUrl(spec),
        network: spec.network,
      })),
      storeProblem: this.storeProblem,
    };
  }

  /** Checks now (one lane or every watched one) and returns the lanes after. */
  async check(laneId?: string): Promise<LaneView[]> {
    const ids = laneId === undefined ? this.watchedIds() : [laneId];
    await Promise.all(ids.map((id) => this.monitor.checkNow(id)));
    return this.laneViews();
  }

  /** The assembled lanes and their clients, as of now (a later reload does not change them). */
  laneSet(): LaneSet {
    const clientFor = this.clientOf;
    return {
      lanes: [...this.lanes],
      clientFor: (lane) => clientFor(lane),
      healthOf: (laneId) => this.monitor.snapshot(laneId)?.state,
    };
  }

  has(laneId: string): boolean {
    return this.watchedIds().includes(laneId);
  }

  private watchedIds(): string[] {
    return this.lanes.filter((lane) => lane.baseUrl !== undefined).map((lane) => lane.id);
  }

  private laneViews(): LaneView[] {
    return this.lanes.map((lane) => {
      const health = this.monitor.snapshot(lane.id);
      return {
        id: lane.id,
        alias: lane.alias,
        origin: lane.origin,
        source: lane.source ?? null,
        locality: lane.locality,
        localitySource: lane.localitySource,
        upstreamModelId: lane.upstreamModelId,
        apiFormat: lane.apiFormat,
        baseUrl: lane.baseUrl ?? null,
        unroutable: lane.unroutable ?? null,
        health: health ? healthView(health) : null,
      };
    });
  }
}

function healthView(health: LaneHealth): LaneHealthView {
  return {
    state: health.state,
    since: health.since,
    lastCheckedAt: health.lastCheckedAt ?? null,
    lastLatencyMs: health.lastLatencyMs ?? null,
    avgLatencyMs: health.avgLatencyMs ?? null,
    checks: health.checks,
    failures: health.failures,
    consecutiveFailures: health.consecutiveFailures,
    lastError: health.lastError
      ? { code: health.lastError.code, message: health.lastError.message }
      : null,
  };
}
