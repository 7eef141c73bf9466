import type { ModelInfo, RouterConfig } from '../config/router-config';
import type { BackendRef } from '../config/schema/providers';
import { hostLocality } from '../net/endpoint-locality';
import type { EndpointLocality } from '../net/endpoint-locality';
import type { HostPort, LaneProtocol } from './lane-endpoint';
import {
  backendRefName,
  baseUrlHostPort,
  formatBaseUrl,
  laneProtocol,
  parseBackendEndpoint,
} from './lane-endpoint';

// The lanes a loaded config offers: one per provider model × backend ref,
// named and normalised as upstream does (reference §1.3), plus Homelane's
// locality — where the model runs — which privacy routing depends on.
// Built from the config alone; nothing here touches the network.

export type LaneLocality = EndpointLocality;

/** Where a lane's locality came from, strongest first. */
export type LocalitySource =
  'config' | 'card_tag' | 'endpoint' | 'default' | 'managed' | 'lan_endpoint';

/** Where a lane was declared: the policy, a managed container, or a LAN endpoint added here. */
export type LaneOrigin = 'config' | 'managed' | 'lan';

export type ApiFormat = 'openai' | 'anthropic';

export interface Lane {
  /** `<model>_<ref name>`; `<model>_default` for a model without backend refs. */
  id: string;
  alias: string;
  origin: LaneOrigin;
  /** The managed lane or LAN endpoint behind it, by name. */
  source?: string;
  upstreamModelId: string;
  apiFormat: ApiFormat;
  /** `base_url` when set, else `protocol://host:port`; absent when unroutable. */
  baseUrl?: string;
  host?: string;
  port?: number;
  protocol: LaneProtocol;
  weight: number;
  /** Backend type: `type`, else `provider`, else `vllm`. */
  type: string;
  locality: LaneLocality;
  localitySource: LocalitySource;
  apiKeyEnv?: string;
  /** A SecretStore name holding the key (lanes added here). */
  apiKeySecret?: string;
  /** Why no request can be sent down this lane; absent when it can. */
  unroutable?: string;
}

/** Model-card tags that state where a model is deployed. */
const DEPLOYMENT_TAGS: Readonly<Record<string, LaneLocality>> = {
  'deployment:self_hosted': 'local',
  'deployment:local': 'local',
  'deployment:lan': 'lan',
  'deployment:cloud': 'cloud',
};

/** Every lane of every provider model, in declaration order. */
export function buildLanes(config: RouterConfig): Lane[] {
  const lanes: Lane[] = [];
  for (const model of config.models.values()) {
    const provider = model.provider;
    if (!provider) continue;
    const refs = provider.backend_refs ?? [];
    if (refs.length === 0) {
      lanes.push({
        id: `${model.alias}_default`,
        alias: model.alias,
        origin: 'config',
        upstreamModelId: model.upstreamModelId,
        apiFormat: apiFormatOf(model),
        protocol: 'http',
        weight: 1,
        type: 'vllm',
        ...declaredLocality(model),
        unroutable: `model "${model.alias}" has no backend_refs, so there is no endpoint to send requests to`,
      });
      continue;
    }
    refs.forEach((ref, index) => lanes.push(laneOf(model, ref, index)));
  }
  return lanes;
}

/** The lanes of one alias: routable first, then by weight (highest first), then as declared. */
export function lanesForAlias(lanes: readonly Lane[], alias: string): Lane[] {
  return lanes
    .filter((lane) => lane.alias === alias)
    .sort(
      (a, b) =>
        Number(a.unroutable !== undefined) - Number(b.unroutable !== undefined) ||
        b.weight - a.weight,
    );
}

/** Whether request text sent to this locality stays off the public internet. */
export function isPrivateLocality(locality: LaneLocality): boolean {
  return locality === 'local' || locality === 'lan';
}

function laneOf(model: ModelInfo, ref: BackendRef, index: number): Lane {
  const name = backendRefName(ref.name, index);
  const protocol = laneProtocol(ref.protocol);
  const target = resolveTarget(ref, protocol);
  const weight = ref.weight === undefined || ref.weight === 0 ? 1 : ref.weight;
  const lane: Lane = {
    id: `${model.alias}_${name}`,
    alias: model.alias,
    origin: 'config',
    upstreamModelId: model.upstreamModelId,
    apiFormat: apiFormatOf(model),
    protocol,
    weight,
    type: ref.type ?? ref.provider ?? 'vllm',
    ...(ref.api_key_env !== undefined ? { apiKeyEnv: ref.api_key_env } : {}),
    ...declaredLocality(model, 'hostPort' in target ? target.hostPort.host : undefined),
  };
  if ('problem' in target)
    return { ...lane, unroutable: `backend ref "${name}" ${target.problem}` };
  return {
    ...lane,
    baseUrl: target.baseUrl,
    host: target.hostPort.host,
    port: target.hostPort.port,
  };
}

type Target = { baseUrl: string; hostPort: HostPort } | { problem: string };

/**
 * Where requests go. `base_url` wins over `endpoint`, and then also supplies
 * the host and port, since that is the machine the request reaches.
 */
function resolveTarget(ref: BackendRef, protocol: LaneProtocol): Target {
  const baseUrl = ref.base_url?.trim();
  if (baseUrl) {
    const hostPort = baseUrlHostPort(baseUrl);
    return hostPort
      ? { baseUrl, hostPort }
      : { problem: `has a base_url "${baseUrl}" that is not a URL` };
  }
  if (ref.endpoint === undefined || ref.endpoint.trim() === '')
    return { problem: 'has neither an endpoint nor a base_url' };
  const hostPort = parseBackendEndpoint(ref.endpoint, protocol);
  if (!hostPort) return { problem: `has an endpoint "${ref.endpoint}" that is not host:port` };
  return { baseUrl: formatBaseUrl(protocol, hostPort), hostPort };
}

/** The model's `locality` key, else a card deployment tag, else the host, else cloud. */
function declaredLocality(
  model: ModelInfo,
  host?: string,
): { locality: LaneLocality; localitySource: LocalitySource } {
  const configured = model.provider?.locality;
  if (configured) return { locality: configured, localitySource: 'config' };
  for (const tag of model.card?.tags ?? []) {
    const tagged = DEPLOYMENT_TAGS[tag.trim().toLowerCase()];
    if (tagged) return { locality: tagged, localitySource: 'card_tag' };
  }
  if (host !== undefined) return { locality: hostLocality(host), localitySource: 'endpoint' };
  return { locality: 'cloud', localitySource: 'default' };
}

function apiFormatOf(model: ModelInfo): ApiFormat {
  return model.apiFormat === 'anthropic' ? 'anthropic' : 'openai';
}
