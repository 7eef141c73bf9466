// The `system_prompt` decision plugin (upstream-routing.md §4.6): put the
// decision's prompt in front of the conversation.

import type { PluginUse } from '../router/trace';

interface SystemPromptPlugin {
  prompt: string;
  mode: 'insert' | 'replace';
}

/** The first enabled `system_prompt` plugin with a non-empty prompt, or null. */
export function findSystemPrompt(plugins: readonly PluginUse[]): SystemPromptPlugin | null {
  for (const plugin of plugins) {
    if (plugin.type !== 'system_prompt') continue;
    const config = plugin.configuration;
    if (config['enabled'] === false) continue;
    const prompt = config['system_prompt'];
    if (typeof prompt !== 'string' || prompt === '') continue;
    return { prompt, mode: config['mode'] === 'replace' ? 'replace' : 'insert' };
  }
  return null;
}

/**
 * Returns new messages with the prompt applied. When messages[0] is a system
 * message: `replace` sets its content to the prompt; `insert` makes it
 * prompt + "\n\n" + old content. For parts-array content, `insert` merges into
 * a leading text part (same text as the string case) or, when the first part
 * is not text, prepends a text part; missing/null content becomes the prompt.
 * Otherwise a system message is prepended.
 */
export function applySystemPrompt(
  messages: readonly unknown[],
  plugin: SystemPromptPlugin,
): unknown[] {
  const [first, ...rest] = messages;
  if (!isRecord(first) || first['role'] !== 'system') {
    return [{ role: 'system', content: plugin.prompt }, ...messages];
  }
  const content =
    plugin.mode === 'replace' ? plugin.prompt : insertInto(first['content'], plugin.prompt);
  return [{ ...first, content }, ...rest];
}

function insertInto(content: unknown, prompt: string): unknown {
  if (typeof content === 'string') return `${prompt}\n\n${content}`;
  if (Array.isArray(content)) {
    const [head, ...tail] = content as unknown[];
    if (isRecord(head) && head['type'] === 'text' && typeof head['text'] === 'string') {
      return [{ ...head, text: `${prompt}\n\n${head['text']}` }, ...tail];
    }
    return [{ type: 'text', text: prompt }, ...content];
  }
  return prompt;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
