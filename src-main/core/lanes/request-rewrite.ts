// Rewrites a client's chat body for the selected model's lane, the way upstream
// does before proxying (upstream-routing.md §5.5, §4.6 system_prompt, §9 item 11).
// Pure: the input is never mutated. Untouched nested values (other messages,
// tools, images) are shared with the input, not deep-copied.

import type { RoutingTrace } from '../router/trace';
import type { ChatRequestBody } from './chat-types';
import type { ReasoningDialect, ReasoningRewrite } from './rewrite-reasoning';
import { applyReasoning } from './rewrite-reasoning';
import { applySystemPrompt, findSystemPrompt } from './rewrite-system-prompt';

export type { ReasoningDialect, ReasoningRewrite } from './rewrite-reasoning';

export interface RewriteOptions {
  /** Where a `reasoning_effort` family's effort goes; `vllm` (chat_template_kwargs) by default. */
  dialect?: ReasoningDialect;
}

/** The rewritten body and which rewrites happened (for the debug headers). */
export interface LaneRewrite {
  body: ChatRequestBody;
  /** A `system_prompt` plugin changed the messages (`x-vsr-injected-system-prompt`). */
  injectedSystemPrompt: boolean;
  /** Reasoning fields written on/off, or `none` when no family applied (or no decision). */
  reasoning: ReasoningRewrite;
}

/** The body to send upstream; see `rewriteRequest` for what changes. */
export function rewriteForLane(
  body: ChatRequestBody,
  trace: RoutingTrace,
  options: RewriteOptions = {},
): ChatRequestBody {
  return rewriteRequest(body, trace, options).body;
}

/**
 * - `model` becomes the provider model id (`upstream_model`; the alias if that
 *   is missing; the client's value if the trace has neither).
 * - A streaming body gets `stream_options.include_usage: true`.
 * - With a decision only: reasoning fields by family, then the system prompt.
 *   Without a decision step 3–4 of §5.5 are skipped entirely (§5.9), so the
 *   client's own `reasoning_effort` passes through untouched in that case.
 */
export function rewriteRequest(
  body: ChatRequestBody,
  trace: RoutingTrace,
  options: RewriteOptions = {},
): LaneRewrite {
  const out: ChatRequestBody = {
    ...body,
    model: trace.upstream_model ?? trace.model ?? body.model,
  };

  if (out['stream'] === true) {
    const existing = out['stream_options'];
    const streamOptions = isRecord(existing) ? existing : {};
    out['stream_options'] = { ...streamOptions, include_usage: true };
  }

  if (trace.decision === null || trace.decision === '') {
    return { body: out, injectedSystemPrompt: false, reasoning: 'none' };
  }

  const reasoning = applyReasoning(out, trace.reasoning, options.dialect ?? 'vllm');

  let injectedSystemPrompt = false;
  const plugin = findSystemPrompt(trace.plugins);
  if (plugin !== null) {
    out.messages = applySystemPrompt(out.messages, plugin);
    injectedSystemPrompt = true;
  }

  return { body: out, injectedSystemPrompt, reasoning };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
