// The shapes a lane speaks in, independent of any one server's wire format.

/** An OpenAI-style chat request body; fields beyond model/messages pass through untouched. */
export interface ChatRequestBody {
  model: string;
  messages: unknown[];
  [field: string]: unknown;
}

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

/** A finished tool call (arguments are the raw JSON text the model wrote). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One fragment of a tool call as it streams; `index` ties fragments together. */
export interface ToolCallDelta {
  index: number;
  id?: string;
  name?: string;
  arguments?: string;
}

/** One streamed step. Only the fields the chunk carried are set. */
export interface ChatDelta {
  content?: string;
  reasoning?: string;
  toolCalls?: ToolCallDelta[];
  finishReason?: string;
  usage?: Usage;
}

/** A non-streamed answer (first choice only). */
export interface ChatCompletion {
  id?: string;
  model?: string;
  content: string | null;
  reasoning?: string;
  toolCalls: ToolCall[];
  finishReason: string | null;
  usage?: Usage;
}

/** What a stream had produced when it ended, normally or not. */
export interface PartialAnswer {
  content: string;
  reasoning: string;
  toolCalls: ToolCall[];
  finishReason: string | null;
  usage?: Usage;
}
