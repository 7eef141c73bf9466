import type { ConversationRule } from '../config/schema/signals';
import type { RoutingRequest } from '../router/request';
import { isImagePart, isToolResult, requestMessages, toolCallsOf } from './context-estimate';
import type { SignalModule, SignalOutput } from './signal-module';
import { SIGNAL_INFO, signalKey } from './signal-types';
import { predicateHolds } from './structure';

// conversation (reference §2.15, probes §5): counts over the request's shape —
// messages by role, tools offered and called, images — tested against an
// optional predicate. Reads no text, so it costs nothing and needs no model.

/** Request-shape facts, computed once per request. A `text`-only request is one user message. */
export interface ConversationFacts {
  messageCount: number;
  /** Messages per lower-cased role (`user`, `assistant`, `system`, `developer`, `tool`, …). */
  messagesByRole: Record<string, number>;
  /** Entries of `tools` plus entries of the legacy `functions`. */
  toolDefinitions: number;
  /** Tool calls made by assistant messages (each `tool_calls` entry; a legacy `function_call` is one). */
  assistantToolCalls: number;
  /** Messages with role `tool` or `function`. */
  toolResults: number;
  /** Assistant messages with tool calls whose next message is a tool result: completed call → result round trips. */
  assistantToolCycles: number;
  /**
   * The most recent message that is not user, system or developer is a tool
   * result: the model is being handed tool output to continue from, whether
   * the request ends with it or the user has interjected since.
   */
  activeToolLoop: boolean;
  /** A user message comes after some tool result. */
  userAfterToolResult: boolean;
  /** Image content parts across all messages. */
  images: number;
  lastRole: string | undefined;
}

const PROMPT_ROLES = new Set(['user', 'system', 'developer']);

export function computeConversationFacts(request: RoutingRequest): ConversationFacts {
  const messages = requestMessages(request);
  const roles = messages.map((m) => (typeof m.role === 'string' ? m.role.toLowerCase() : ''));
  const messagesByRole: Record<string, number> = {};
  for (const role of roles) messagesByRole[role] = (messagesByRole[role] ?? 0) + 1;

  let assistantToolCalls = 0;
  let assistantToolCycles = 0;
  let toolResults = 0;
  let images = 0;
  let seenToolResult = false;
  let userAfterToolResult = false;
  messages.forEach((message, index) => {
    const calls = toolCallsOf(message).length;
    assistantToolCalls += calls;
    const next = messages[index + 1];
    if (calls > 0 && next !== undefined && isToolResult(next)) assistantToolCycles += 1;
    if (isToolResult(message)) {
      toolResults += 1;
      seenToolResult = true;
    }
    if (roles[index] === 'user' && seenToolResult) userAfterToolResult = true;
    if (Array.isArray(message.content)) {
      images += message.content.filter(
        (p) => p !== null && typeof p === 'object' && isImagePart(p),
      ).length;
    }
  });

  let activeToolLoop = false;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (PROMPT_ROLES.has(roles[i] ?? '')) continue;
    const message = messages[i];
    activeToolLoop = message !== undefined && isToolResult(message);
    break;
  }

  const toolDefinitions =
    (Array.isArray(request.tools) ? request.tools.length : 0) +
    (Array.isArray(request.functions) ? request.functions.length : 0);

  return {
    messageCount: messages.length,
    messagesByRole,
    toolDefinitions,
    assistantToolCalls,
    toolResults,
    assistantToolCycles,
    activeToolLoop,
    userAfterToolResult,
    images,
    lastRole: roles.at(-1),
  };
}

type FactReader = (facts: ConversationFacts) => number;

/** How a rule's source reads the facts, or null for a source type we do not know. */
function sourceReader(source: ConversationRule['feature']['source']): FactReader | null {
  switch (source.type.trim().toLowerCase()) {
    case 'message': {
      const role = (source.role ?? '').trim().toLowerCase();
      // No role: every message; `non_user`: everything but user messages (as upstream).
      if (role === '') return (facts) => facts.messageCount;
      if (role === 'non_user') {
        return (facts) => facts.messageCount - (facts.messagesByRole['user'] ?? 0);
      }
      return (facts) => facts.messagesByRole[role] ?? 0;
    }
    case 'tool_definition':
      return (facts) => facts.toolDefinitions;
    case 'assistant_tool_call':
      return (facts) => facts.assistantToolCalls;
    case 'assistant_tool_cycle':
      return (facts) => facts.assistantToolCycles;
    case 'active_tool_loop':
      return (facts) => (facts.activeToolLoop ? 1 : 0);
    case 'image_content':
      return (facts) => facts.images;
    default:
      return null;
  }
}

interface PreparedConversationRule {
  name: string;
  read: FactReader | null;
  predicate: ConversationRule['predicate'];
}

export const conversationSignal: SignalModule<ConversationRule> = {
  type: 'conversation',
  configKey: SIGNAL_INFO.conversation.configKey,
  prepare(rules) {
    const invalidRules: Record<string, string> = {};
    const prepared: PreparedConversationRule[] = rules.map((rule) => {
      const read = sourceReader(rule.feature.source);
      const featureType = rule.feature.type.trim().toLowerCase();
      if (read === null)
        invalidRules[rule.name] = `unknown source type "${rule.feature.source.type}"`;
      else if (featureType !== 'exists' && featureType !== 'count') {
        invalidRules[rule.name] = `unknown feature type "${rule.feature.type}"`;
      }
      return {
        name: rule.name,
        read: invalidRules[rule.name] === undefined ? read : null,
        predicate: rule.predicate,
      };
    });
    return {
      evaluate({ request }): SignalOutput {
        const facts = computeConversationFacts(request);
        const output: SignalOutput = { status: 'ok', matched: [], confidences: {}, values: {} };
        for (const rule of prepared) {
          const key = signalKey('conversation', rule.name);
          // The value is the raw count for `exists` and `count` alike; without a
          // predicate both match when it is positive. Unknown types never match.
          const value = rule.read ? rule.read(facts) : 0;
          const matched =
            rule.read !== null &&
            (rule.predicate ? predicateHolds(value, rule.predicate) : value > 0);
          output.values[key] = value;
          output.confidences[key] = matched ? 1 : 0;
          if (matched) output.matched.push(rule.name);
        }
        output.details = { facts };
        if (Object.keys(invalidRules).length > 0) output.details['invalidRules'] = invalidRules;
        return output;
      },
    };
  },
};
