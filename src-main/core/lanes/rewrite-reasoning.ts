// Reasoning fields of an upstream-bound chat body, keyed by the selected
// model's reasoning family (upstream-routing.md §5.5 step 3, §9 item 11).

/** How the backend reads effort for a `reasoning_effort` family: vLLM chat-template kwargs, or OpenAI top-level. */
export type ReasoningDialect = 'vllm' | 'openai';

/** The reasoning part of a routing trace (`RoutingTrace['reasoning']`). */
export interface ReasoningChoice {
  enabled: boolean;
  effort?: string;
  family_type?: string;
  parameter?: string;
}

/** `on`/`off`: a family wrote its fields; `none`: no family (or no decision), nothing written. */
export type ReasoningRewrite = 'on' | 'off' | 'none';

/** Upstream's effort when neither the model ref nor the config names one. */
const DEFAULT_EFFORT = 'medium';
/** What a vLLM `reasoning_effort` family keeps when reasoning is off and the client sent none. */
const DISABLED_VLLM_EFFORT = 'low';

/**
 * Rewrites `body` in place (the caller hands a copy). The client's top-level
 * `reasoning_effort` is always removed first; a model without a known family
 * (or without a parameter name) then gets nothing, so the client's value is lost,
 * as upstream does.
 */
export function applyReasoning(
  body: Record<string, unknown>,
  reasoning: ReasoningChoice,
  dialect: ReasoningDialect,
): ReasoningRewrite {
  const clientEffort = body['reasoning_effort'];
  delete body['reasoning_effort'];
  const clientValue = typeof clientEffort === 'string' ? clientEffort : undefined;

  const { family_type: familyType, parameter, enabled } = reasoning;
  if (parameter === undefined || parameter === '') return 'none';
  const effort =
    reasoning.effort !== undefined && reasoning.effort !== '' ? reasoning.effort : DEFAULT_EFFORT;
  const state: ReasoningRewrite = enabled ? 'on' : 'off';

  switch (familyType) {
    case 'chat_template_kwargs':
      // Explicit false when off: qwen3-style templates think by default.
      setKwarg(body, parameter, enabled);
      return state;
    case 'reasoning_effort':
      if (dialect === 'openai') {
        if (enabled) body[parameter] = effort;
        else if (clientValue !== undefined) body[parameter] = clientValue;
      } else {
        setKwarg(body, parameter, enabled ? effort : (clientValue ?? DISABLED_VLLM_EFFORT));
      }
      return state;
    case 'top_level_reasoning_effort':
      if (enabled) body[parameter] = effort;
      else if (clientValue !== undefined) body[parameter] = clientValue;
      return state;
    default:
      return 'none';
  }
}

/** Sets one chat-template kwarg on a fresh copy of the kwargs, keeping the others. */
function setKwarg(body: Record<string, unknown>, key: string, value: unknown): void {
  const existing = body['chat_template_kwargs'];
  const kwargs = isRecord(existing) ? { ...existing } : {};
  kwargs[key] = value;
  body['chat_template_kwargs'] = kwargs;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
