import type { ChatDelta, PartialAnswer, ToolCall, Usage } from './chat-types';

/** Folds stream deltas into the answer so far (tool-call fragments joined by index). */
export class StreamAccumulator {
  private content = '';
  private reasoning = '';
  private readonly toolCalls = new Map<number, ToolCall>();
  private finishReason: string | null = null;
  private usage: Usage | undefined;

  add(delta: ChatDelta): void {
    if (delta.content) this.content += delta.content;
    if (delta.reasoning) this.reasoning += delta.reasoning;
    for (const fragment of delta.toolCalls ?? []) {
      const call = this.toolCalls.get(fragment.index) ?? { id: '', name: '', arguments: '' };
      if (fragment.id) call.id = fragment.id;
      if (fragment.name) call.name += fragment.name;
      if (fragment.arguments) call.arguments += fragment.arguments;
      this.toolCalls.set(fragment.index, call);
    }
    if (delta.finishReason) this.finishReason = delta.finishReason;
    if (delta.usage) this.usage = delta.usage;
  }

  get finished(): boolean {
    return this.finishReason !== null;
  }

  snapshot(): PartialAnswer {
    const toolCalls = [...this.toolCalls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => ({ ...call }));
    const partial: PartialAnswer = {
      content: this.content,
      reasoning: this.reasoning,
      toolCalls,
      finishReason: this.finishReason,
    };
    if (this.usage) partial.usage = this.usage;
    return partial;
  }
}
