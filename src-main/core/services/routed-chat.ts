import type { ChatRequestBody } from '../lanes/chat-types';
import { NoLaneError, privateLaneError, streamWithFallback } from '../lanes/fallback';
import type { FallbackEvent, FallbackOptions, FallbackResult } from '../lanes/fallback';
import type { Lane } from '../lanes/lane-registry';
import { routePrivately } from '../privacy/route-privately';
import type { PrivacySettings } from '../privacy/route-privately';
import type { ChatMessage, RoutingRequest } from '../router/request';
import type { Router } from '../router/router';
import type { RoutingTrace } from '../router/trace';

// One chat request through the whole path: route it, judge its privacy,
// then stream the answer from the first lane the egress guard allows that
// answers (falling back as the policy allows, re-routed to a local lane when
// the guard refuses the policy's choice). Conversations and records build on
// this.

export type { PrivacySettings } from '../privacy/route-privately';

export interface RoutedChatDeps extends Omit<FallbackOptions, 'guard'> {
  router: Router;
  lanes: readonly Lane[];
  privacy: PrivacySettings;
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
  const { trace, plan } = await routePrivately(deps, routingRequestOf(body));
  yield { type: 'route', trace };
  try {
    const result = yield* streamWithFallback(plan.candidates, body, { ...deps, guard: plan.guard });
    return { ...result, trace };
  } catch (error) {
    // Whatever the policy planned, a private request that found no lane fails the same clear way.
    if (error instanceof NoLaneError && trace.private && error.code !== 'no_private_lane') {
      throw privateLaneError(error);
    }
    throw error;
  }
}
