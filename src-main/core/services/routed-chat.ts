import type { RouterConfig } from '../config/router-config';
import type { ChatRequestBody } from '../lanes/chat-types';
import { fallbackTargets } from '../lanes/fallback-plan';
import { orderCandidates, streamWithFallback } from '../lanes/fallback';
import type { FallbackEvent, FallbackOptions, FallbackResult } from '../lanes/fallback';
import type { Lane } from '../lanes/lane-registry';
import { lanesForAlias } from '../lanes/lane-registry';
import type { ChatMessage, RoutingRequest } from '../router/request';
import type { Router } from '../router/router';
import type { RoutingTrace } from '../router/trace';

// One chat request through the whole path: route it, then stream the answer
// from the first lane of the chosen alias that answers (falling back as the
// policy allows). Conversations and records build on this.

export interface RoutedChatDeps extends FallbackOptions {
  router: Router;
  lanes: readonly Lane[];
}

export type RoutedChatEvent = { type: 'route'; trace: RoutingTrace } | FallbackEvent;

export interface RoutedChatResult extends FallbackResult {
  trace: RoutingTrace;
}

/** The parts of a chat body the router reads. */
export function routingRequestOf(body: ChatRequestBody): RoutingRequest {
  const request: RoutingRequest = { messages: body.messages as ChatMessage[], model: body.model };
  for (const key of ['tools', 'functions', 'tool_choice', 'response_format', 'metadata'] as const) {
    if (body[key] !== undefined) (request as Record<string, unknown>)[key] = body[key];
  }
  for (const key of ['max_tokens', 'max_completion_tokens'] as const) {
    const value = body[key];
    if (typeof value === 'number') request[key] = value;
  }
  return request;
}

export async function* routedChat(
  deps: RoutedChatDeps,
  body: ChatRequestBody,
): AsyncGenerator<RoutedChatEvent, RoutedChatResult> {
  const config: RouterConfig = deps.router.config;
  const trace = await deps.router.route(routingRequestOf(body));
  yield { type: 'route', trace };
  const candidates = orderCandidates(
    fallbackTargets(config, trace),
    (alias) => lanesForAlias(deps.lanes, alias),
    deps.healthOf,
  );
  const result = yield* streamWithFallback(candidates, body, deps);
  return { ...result, trace };
}
