import { ApiError } from '../../../contract';
import type { PlaygroundRoute, PlaygroundRouteInput } from '../../../contract';
import { routePrivately } from '../../privacy/route-privately';
import type { PrivacySettings } from '../../privacy/route-privately';
import type { RoutingRequest } from '../../router/request';
import { RoutingError } from '../../router/resolve-route';
import type { ServiceContext } from '../context';
import { personalContext } from '../personal-context';
import { lanePlan } from './lane-plan';

// `playground.route`: a prompt or a conversation routed as a live request
// would be — the conversation's taint, personal memory, the person's cloud
// setting and the egress guard over the lanes as they are now — with every
// signal evaluated for the trace card. Nothing is generated, recorded or
// tainted.

function requestOf(input: PlaygroundRouteInput): RoutingRequest {
  return {
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.messages !== undefined ? { messages: input.messages.map((m) => ({ ...m })) } : {}),
    ...(input.model !== undefined ? { model: input.model } : {}),
  };
}

/** The text personal memory is matched against: the prompt, or the last user turn. */
function lastUserText(input: PlaygroundRouteInput): string {
  if (input.text !== undefined) return input.text;
  const users = (input.messages ?? []).filter((message) => message.role === 'user');
  return users.at(-1)?.content ?? '';
}

function privacyOf(ctx: ServiceContext, input: PlaygroundRouteInput): PrivacySettings {
  const db = ctx.chat?.database;
  if (!db?.open) return { cloudEscalation: ctx.cloudEscalation };
  // Read-only use of the chat's own rules: `record` (which keeps taint) is never called.
  return personalContext(db, lastUserText(input), {
    ...(input.conversationId !== undefined ? { conversationId: input.conversationId } : {}),
    cloudEscalation: ctx.cloudEscalation,
  }).privacy;
}

export async function routePlayground(
  ctx: ServiceContext,
  input: PlaygroundRouteInput,
): Promise<PlaygroundRoute> {
  const routing = ctx.routing;
  if (!routing) {
    throw new ApiError(
      'unavailable',
      'No routing profile is loaded, so there is nothing to route.',
    );
  }
  const lanes = ctx.lanes?.laneSet();
  const privacy = privacyOf(ctx, input);
  try {
    const { trace, plan } = await routing.withRouter((router) =>
      routePrivately(
        {
          router,
          lanes: lanes?.lanes ?? [],
          privacy,
          ...(lanes ? { healthOf: lanes.healthOf } : {}),
        },
        requestOf(input),
        { evaluateAll: true },
      ),
    );
    const { lane, lanes: planned } = lanePlan(plan.candidates, plan.guard);
    return {
      trace: trace as unknown as Record<string, unknown>,
      lane,
      lanes: planned,
      private: trace.private,
      privacyReasons: trace.privacy_reasons,
    };
  } catch (error) {
    if (error instanceof RoutingError) throw new ApiError('invalid_input', error.message);
    throw error;
  }
}
