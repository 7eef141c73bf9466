import type { ChatMessage, ContentPart, RoutingRequest } from '../router/request';
import type { ProbeFile, ProbeGroup, ProbeVariant } from './schema';

/** The eval request a probe variant stands for (upstream-probes.md §2.4, §3 step 1). */
export function materializeVariant(
  file: ProbeFile,
  group: ProbeGroup,
  variant: ProbeVariant,
  model: string,
): RoutingRequest {
  const request: RoutingRequest = { model };
  if (variant.query !== undefined) request.text = materializeQuery(variant);
  if (variant.messages) request.messages = materializeMessages(file, variant);
  if (variant.tools) request.tools = variant.tools;
  return request;
}

function materializeQuery(variant: ProbeVariant): string {
  const query = variant.query ?? '';
  let text = variant.repeat
    ? Array.from({ length: variant.repeat }, () => query).join('\n')
    : query;
  const padding = variant.padding;
  if (padding) {
    const filler = Array.from({ length: padding.repeat ?? 1 }, () => padding.text).join('\n');
    const placement = padding.placement ?? 'after';
    if (placement === 'before') text = `${filler}\n${text}`;
    else if (placement === 'after') text = `${text}\n${filler}`;
    else text = `${filler}\n${text}\n${filler}`;
  }
  return text;
}

function materializeMessages(file: ProbeFile, variant: ProbeVariant): ChatMessage[] {
  const messages: ChatMessage[] = (variant.messages ?? []).map((message) => ({
    ...message,
    role: String(message.role ?? 'user'),
    content: Array.isArray(message.content)
      ? message.content.map((part) => resolvePart(file, part as ContentPart))
      : (message.content as string | null | undefined),
  }));
  const generated = variant.generated_text;
  if (generated) {
    const message = messages[generated.message_index];
    if (message) {
      const parts: ContentPart[] =
        typeof message.content === 'string'
          ? [{ type: 'text', text: message.content }]
          : [...(message.content ?? [])];
      const current = parts.reduce(
        (sum, part) => sum + (part.type === 'text' ? byteLength(part.text ?? '') : 0),
        0,
      );
      const missing = generated.target_text_bytes - current;
      if (missing > 0) {
        const index = Math.min(generated.content_index, parts.length);
        parts.splice(index, 0, {
          type: 'text',
          text: (generated.character ?? 'x').repeat(missing),
        });
      }
      message.content = parts;
    }
  }
  return messages;
}

function resolvePart(file: ProbeFile, part: ContentPart): ContentPart {
  if (part.type !== 'image_fixture') return part;
  const fixture = file.fixtures?.images[String(part['fixture'] ?? '')];
  if (!fixture) return { type: 'text', text: '' };
  return {
    type: 'image_url',
    image_url: { url: `data:${fixture.media_type};base64,${fixture.data_base64}` },
  };
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
