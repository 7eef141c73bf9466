import { describe, expect, it } from 'vitest';
import type { ConversationRule } from '../../../src-main/core/config/schema/signals';
import type { ChatMessage, RoutingRequest } from '../../../src-main/core/router/request';
import {
  computeConversationFacts,
  conversationSignal,
} from '../../../src-main/core/signals/conversation';
import type { SignalOutput } from '../../../src-main/core/signals/signal-module';
import { buildTextViews } from '../../../src-main/core/signals/text-views';

const env = { ml: {}, global: {}, kbs: new Map() };

async function run(rules: ConversationRule[], request: RoutingRequest): Promise<SignalOutput> {
  const prepared = await conversationSignal.prepare(rules, env);
  return prepared.evaluate({ request, views: buildTextViews(request) });
}

const rule = (
  name: string,
  type: string,
  source: string,
  extra: Partial<ConversationRule> & { role?: string } = {},
): ConversationRule => {
  const { role, ...rest } = extra;
  return {
    name,
    feature: { type, source: role === undefined ? { type: source } : { type: source, role } },
    ...rest,
  };
};

const call = (id: string): unknown => ({
  id,
  type: 'function',
  function: { name: 'search', arguments: '{}' },
});

/** system, user, assistant calling two tools, two results, assistant answer, user with an image. */
const AGENT_TURNS: ChatMessage[] = [
  { role: 'system', content: 'You are helpful.' },
  { role: 'user', content: 'Find the report.' },
  { role: 'assistant', content: null, tool_calls: [call('a'), call('b')] },
  { role: 'tool', tool_call_id: 'a', content: 'found A' },
  { role: 'tool', tool_call_id: 'b', content: 'found B' },
  { role: 'assistant', content: 'Here it is.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'And this chart?' },
      { type: 'image_url', image_url: { url: 'https://example.test/chart.png' } },
    ],
  },
];
const TOOLS = [
  { type: 'function', function: { name: 'search' } },
  { type: 'function', function: { name: 'open' } },
];

describe('computeConversationFacts', () => {
  it('counts messages, tools, calls, cycles and images', () => {
    const facts = computeConversationFacts({ messages: AGENT_TURNS, tools: TOOLS });
    expect(facts).toMatchObject({
      messageCount: 7,
      messagesByRole: { system: 1, user: 2, assistant: 2, tool: 2 },
      toolDefinitions: 2,
      assistantToolCalls: 2,
      toolResults: 2,
      assistantToolCycles: 1,
      activeToolLoop: false,
      userAfterToolResult: true,
      images: 1,
      lastRole: 'user',
    });
  });

  it('sees an active tool loop when tool output is the latest non-prompt message', () => {
    const endsWithTool = AGENT_TURNS.slice(0, 5);
    expect(computeConversationFacts({ messages: endsWithTool }).activeToolLoop).toBe(true);
    const userInterjects = [...endsWithTool, { role: 'user', content: 'also check B' }];
    expect(computeConversationFacts({ messages: userInterjects }).activeToolLoop).toBe(true);
    const answered = AGENT_TURNS.slice(0, 6);
    expect(computeConversationFacts({ messages: answered }).activeToolLoop).toBe(false);
  });

  it('counts a legacy function_call and functions list', () => {
    const facts = computeConversationFacts({
      functions: [{ name: 'f' }],
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } },
        { role: 'function', name: 'f', content: '42' },
      ],
    });
    expect(facts).toMatchObject({
      toolDefinitions: 1,
      assistantToolCalls: 1,
      toolResults: 1,
      assistantToolCycles: 1,
    });
  });

  it('reads a text request as one user message', () => {
    expect(computeConversationFacts({ text: 'hello' })).toMatchObject({
      messageCount: 1,
      messagesByRole: { user: 1 },
      lastRole: 'user',
    });
  });
});

describe('conversationSignal', () => {
  const request: RoutingRequest = { messages: AGENT_TURNS, tools: TOOLS };

  it('counts messages by role, all roles, and non-user roles', async () => {
    const out = await run(
      [
        rule('users', 'count', 'message', { role: 'user', predicate: { gte: 2 } }),
        rule('all', 'count', 'message'),
        rule('others', 'count', 'message', { role: 'non_user', predicate: { gte: 5 } }),
        rule('has_dev', 'exists', 'message', { role: 'developer' }),
      ],
      request,
    );
    expect(out.matched).toEqual(['users', 'all', 'others']);
    expect(out.values).toEqual({
      'conversation:users': 2,
      'conversation:all': 7,
      'conversation:others': 5,
      'conversation:has_dev': 0,
    });
    expect(out.confidences).toEqual({
      'conversation:users': 1,
      'conversation:all': 1,
      'conversation:others': 1,
      'conversation:has_dev': 0,
    });
  });

  it('reads every source type', async () => {
    const out = await run(
      [
        rule('tooling', 'count', 'tool_definition', { predicate: { gte: 2 } }),
        rule('calls', 'count', 'assistant_tool_call'),
        rule('cycles', 'count', 'assistant_tool_cycle'),
        rule('loop', 'exists', 'active_tool_loop'),
        rule('images', 'exists', 'image_content'),
      ],
      request,
    );
    expect(out.matched).toEqual(['tooling', 'calls', 'cycles', 'images']);
    expect(out.values['conversation:calls']).toBe(2);
    expect(out.values['conversation:cycles']).toBe(1);
    expect(out.values['conversation:loop']).toBe(0);
    expect(out.confidences['conversation:loop']).toBe(0);
  });

  it('applies a predicate to the count, so an lt predicate can match zero', async () => {
    const out = await run(
      [
        rule('few_tools', 'count', 'tool_definition', { predicate: { lt: 1 } }),
        rule('many_images', 'count', 'image_content', { predicate: { gt: 1 } }),
      ],
      { text: 'plain question' },
    );
    expect(out.matched).toEqual(['few_tools']);
    expect(out.values).toEqual({ 'conversation:few_tools': 0, 'conversation:many_images': 0 });
  });

  it('never matches unknown source or feature types and says so', async () => {
    const out = await run(
      [
        rule('odd', 'count', 'reactions'),
        rule('odder', 'density', 'message', { predicate: { lt: 100 } }),
      ],
      request,
    );
    expect(out.matched).toEqual([]);
    expect(Object.keys(out.details?.['invalidRules'] as object)).toEqual(['odd', 'odder']);
  });
});
