import type { RoutingRequest } from '../router/request';
import type { Router } from '../router/router';
import type { PrivacyReason } from '../router/trace';
import { PRIVACY_FAMILIES, signalReasons } from './assess';

// A conversation sent as one request (history and all) is private when any
// earlier user turn was: the policy's privacy signals are asked about each
// earlier turn as if it had been the last. (PII, secrets and private wording
// anywhere in the history are found directly by the assessment.) A stored
// conversation keeps its taint instead of asking again.

export async function conversationTaint(
  router: Router,
  request: RoutingRequest,
): Promise<PrivacyReason[]> {
  const messages = request.messages ?? [];
  const userTurns = messages
    .map((message, index) => ({ role: message.role, index }))
    .filter((entry) => entry.role === 'user')
    .map((entry) => entry.index);
  const earlier = userTurns.slice(0, -1);
  const reasons: PrivacyReason[] = [];
  for (const index of earlier) {
    const trace = await router.route(
      {
        messages: messages.slice(0, index + 1),
        ...(request.model !== undefined ? { model: request.model } : {}),
      },
      { alsoEvaluate: PRIVACY_FAMILIES },
    );
    for (const reason of signalReasons(router.config, trace)) {
      reasons.push({
        ...reason,
        detail: `${reason.detail} in message ${index} (user)`,
        message_index: index,
        role: 'user',
      });
    }
  }
  return reasons;
}
