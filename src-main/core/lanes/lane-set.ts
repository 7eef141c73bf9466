import type { RouterConfig } from '../config/router-config';
import { hostLocality } from '../net/endpoint-locality';
import { baseUrlHostPort } from './lane-endpoint';
import type { Lane } from './lane-registry';
import { buildLanes } from './lane-registry';
import type { LanEndpoint, StoredLanes } from './lane-store';
import type { ManagedLaneSpec } from './managed/managed-lane-spec';
import { managedLaneBaseUrl } from './managed/managed-lane-spec';

// All the lanes requests can take: LAN endpoints added on this machine (a
// person's explicit choice, so first), managed containers, then the
// policy's own backend refs. A policy ref that points at a managed
// container's in-network address (upstream recipes say `vllm:8000`) is
// answered by that managed lane instead, since this machine reaches the
// container through its published port.

export function assembleLanes(config: RouterConfig | undefined, stored: StoredLanes): Lane[] {
  const lan = stored.lan.flatMap(lanEndpointLanes);
  const managed = stored.managed.flatMap(managedLanes);
  const policy = config ? buildLanes(config) : [];
  const replaced = (lane: Lane) =>
    stored.managed.some(
      (spec) =>
        lane.host === spec.containerName.toLowerCase() &&
        lane.port === spec.containerPort &&
        spec.servedModelNames.includes(lane.alias),
    );
  return [...lan, ...managed, ...policy.filter((lane) => !replaced(lane))];
}

/** Every alias a LAN endpoint maps becomes a lane of that alias. */
export function lanEndpointLanes(endpoint: LanEndpoint): Lane[] {
  const target = baseUrlHostPort(endpoint.baseUrl);
  const locality = endpoint.locality ?? (target ? hostLocality(target.host) : 'cloud');
  return Object.entries(endpoint.aliases).map(([alias, modelId]) => ({
    id: `${alias}@${endpoint.name}`,
    alias,
    origin: 'lan' as const,
    source: endpoint.name,
    upstreamModelId: modelId,
    apiFormat: 'openai' as const,
    baseUrl: endpoint.baseUrl,
    ...(target ? { host: target.host, port: target.port } : {}),
    protocol: endpoint.baseUrl.startsWith('https:') ? ('https' as const) : ('http' as const),
    weight: 1,
    type: endpoint.kind,
    locality,
    localitySource: endpoint.locality ? ('config' as const) : ('lan_endpoint' as const),
    ...(endpoint.apiKeySecret ? { apiKeySecret: endpoint.apiKeySecret } : {}),
  }));
}

/** The container serves every alias under its own name (`--served-model-name`). */
export function managedLanes(spec: ManagedLaneSpec): Lane[] {
  const baseUrl = managedLaneBaseUrl(spec);
  const target = baseUrlHostPort(baseUrl);
  return spec.servedModelNames.map((alias) => ({
    id: `${alias}@${spec.name}`,
    alias,
    origin: 'managed' as const,
    source: spec.name,
    upstreamModelId: alias,
    apiFormat: 'openai' as const,
    baseUrl,
    ...(target ? { host: target.host, port: target.port } : {}),
    protocol: 'http' as const,
    weight: 1,
    type: 'vllm',
    locality: 'local' as const,
    localitySource: 'managed' as const,
  }));
}

/** The model id to put in a request sent down `lane` for a target routed to `upstreamModel`. */
export function requestModelFor(lane: Lane, upstreamModel: string | null): string {
  return lane.origin === 'config' ? (upstreamModel ?? lane.upstreamModelId) : lane.upstreamModelId;
}
