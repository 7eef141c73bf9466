// A stand-in LLM server for tests (OpenAI-compatible, and Anthropic's
// Messages API), run as its own process:
//   node test/support/stand-in-llm/server.mjs
// It listens on 127.0.0.1 with a free port and prints
//   stand-in-llm listening on http://127.0.0.1:<port>
// It exits when its stdin closes (so it never outlives the test run).
//
// Endpoints: POST /v1/chat/completions (streamed or not), GET /v1/models,
// GET /health (200, empty body, as vLLM), GET /version (as vLLM). The answer is derived from the
// last user message: content "Echo: <text>", reasoning "Thinking about
// <text>." when asked, and a call of the first tool when `tools` is sent.
//
// Anthropic side: POST /v1/messages (streamed or not) answers the same way
// with `thinking`, `text` and `tool_use` blocks (thinking also when the body
// enables it); it checks what Anthropic requires (model, max_tokens, only
// user/assistant turns, a thinking budget of 1024 up and below max_tokens)
// and answers 400 otherwise. Requests carrying `anthropic-version` get
// Anthropic-shaped errors and GET /v1/models pages (limit, after_id).
//
// Behaviour switches, per request as JSON in the `x-stand-in` header, or
// for every request through POST /_stand-in/behaviour:
//   status, message, retryAfter   answer with this error status / Retry-After
//   stall: 'before-headers' | 'after-headers'   then send nothing more
//   stallAfterEvents: n           send n SSE events, then go silent
//   dropAfterEvents: n            send n SSE events, then destroy the socket
//   endAfterEvents: n             send n SSE events, then end the body cleanly
//   eventDelayMs: n               wait n ms before each SSE event
//   reasoning: true               also emit reasoning_content
//   crlf: true                    end SSE lines with CRLF
//   comments: true                interleave `: keep-alive` comments
//   noDone: true                  close without `data: [DONE]` (Anthropic: without message_stop)
//   errorAfterEvents: n           (Anthropic) send n events, then `event: error`, then end
//   modelPageSize: n              (Anthropic) serve GET /v1/models n models per page
// Control: GET /_stand-in/requests (what was received), GET /_stand-in/stats
// ({disconnects}: responses the client abandoned), POST /_stand-in/reset.

import { createServer } from 'node:http';

// Command-line flags, so the same file can run as a container's entry point:
//   --host H --port N             listen there (default 127.0.0.1, a free port)
//   --served-model-name A B ...   the model ids it answers to (as vLLM)
//   --persist                     keep running when stdin closes
// Any other flag (vLLM's own) is accepted and ignored.
function parseArgs(argv) {
  const options = { host: '127.0.0.1', port: 0, models: [], persist: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--host') options.host = argv[++i];
    else if (flag === '--port') options.port = Number(argv[++i]);
    else if (flag === '--persist') options.persist = true;
    else if (flag === '--served-model-name') {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) options.models.push(argv[++i]);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const MODELS = options.models.length ? options.models : ['stand-in-small', 'stand-in-large'];
const state = { requests: [], disconnects: 0, behaviour: {} };

function readBody(req) {
  return new Promise((resolve) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => resolve(raw));
  });
}

function behaviourOf(req) {
  const header = req.headers['x-stand-in'];
  let own = {};
  if (typeof header === 'string' && header !== '') own = JSON.parse(header);
  return { ...state.behaviour, ...own };
}

function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function messageText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part && part.type === 'text' ? String(part.text) : '')).join('');
  }
  return '';
}

function lastUserText(messages) {
  const users = (Array.isArray(messages) ? messages : []).filter((m) => m && m.role === 'user');
  return users.length ? messageText(users[users.length - 1].content) : '';
}

function words(text) {
  return text.match(/\S+\s*/g) ?? [];
}

/** The deterministic answer for a request. */
function answerFor(body, behaviour) {
  const text = lastUserText(body.messages);
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const tool = body.tool_choice !== 'none' ? tools[0]?.function?.name : undefined;
  return {
    model: typeof body.model === 'string' ? body.model : MODELS[0],
    content: tool ? null : `Echo: ${text}`,
    reasoning: behaviour.reasoning ? `Thinking about ${text}.` : null,
    toolCall: tool ? { id: 'call_0', name: tool, arguments: JSON.stringify({ text }) } : null,
    promptTokens: (body.messages ?? []).reduce(
      (sum, m) => sum + words(messageText(m?.content)).length,
      0,
    ),
  };
}

function usageOf(answer, completionTokens) {
  return {
    prompt_tokens: answer.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: answer.promptTokens + completionTokens,
  };
}

function completion(answer) {
  const message = { role: 'assistant', content: answer.content };
  if (answer.reasoning) message.reasoning_content = answer.reasoning;
  if (answer.toolCall) {
    message.tool_calls = [
      {
        id: answer.toolCall.id,
        type: 'function',
        function: { name: answer.toolCall.name, arguments: answer.toolCall.arguments },
      },
    ];
  }
  const tokens =
    words(answer.content ?? '').length +
    words(answer.reasoning ?? '').length +
    (answer.toolCall ? 2 : 0);
  return {
    id: 'chatcmpl-stand-in',
    object: 'chat.completion',
    created: 0,
    model: answer.model,
    choices: [{ index: 0, message, finish_reason: answer.toolCall ? 'tool_calls' : 'stop' }],
    usage: usageOf(answer, tokens),
  };
}

/** The chunk payloads of a streamed answer, in order, without [DONE]. */
function chunks(answer, includeUsage) {
  const base = { id: 'chatcmpl-stand-in', object: 'chat.completion.chunk', created: 0 };
  const chunk = (delta, finish = null) => ({
    ...base,
    model: answer.model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const out = [chunk({ role: 'assistant', content: '' })];
  for (const piece of words(answer.reasoning ?? '')) out.push(chunk({ reasoning_content: piece }));
  for (const piece of words(answer.content ?? '')) out.push(chunk({ content: piece }));
  if (answer.toolCall) {
    const args = answer.toolCall.arguments;
    const half = Math.floor(args.length / 2);
    out.push(
      chunk({
        tool_calls: [
          {
            index: 0,
            id: answer.toolCall.id,
            type: 'function',
            function: { name: answer.toolCall.name, arguments: '' },
          },
        ],
      }),
    );
    out.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, half) } }] }));
    out.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(half) } }] }));
  }
  const generated = out.length - 1;
  out.push(chunk({}, answer.toolCall ? 'tool_calls' : 'stop'));
  if (includeUsage)
    out.push({ ...base, model: answer.model, choices: [], usage: usageOf(answer, generated) });
  return out;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function stream(req, res, answer, behaviour, includeUsage) {
  const events = chunks(answer, includeUsage).map((c) => ({ data: JSON.stringify(c) }));
  if (!behaviour.noDone) events.push({ data: '[DONE]' });
  await sendEvents(res, events, behaviour);
}

/** Writes SSE events ({event?, data}) under the stream behaviour switches. */
async function sendEvents(res, events, behaviour) {
  const eol = behaviour.crlf ? '\r\n' : '\n';
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  let closed = false;
  res.on('close', () => (closed = true));
  // Each write is awaited so that a drop never loses events already sent.
  const write = (text) => new Promise((resolve) => res.write(text, () => resolve()));
  for (let i = 0; i < events.length; i++) {
    if (behaviour.dropAfterEvents === i) {
      res.socket?.destroy();
      return;
    }
    if (behaviour.stallAfterEvents === i) return;
    if (behaviour.endAfterEvents === i) break;
    if (behaviour.eventDelayMs) await sleep(behaviour.eventDelayMs);
    if (closed) return;
    if (behaviour.comments) await write(`: keep-alive${eol}`);
    const name = events[i].event === undefined ? '' : `event: ${events[i].event}${eol}`;
    await write(`${name}data: ${events[i].data}${eol}${eol}`);
  }
  res.end();
}

async function chatCompletions(req, res, behaviour) {
  const raw = await readBody(req);
  let body;
  try {
    body = JSON.parse(raw);
  } catch {
    json(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
    return;
  }
  state.requests[state.requests.length - 1].body = body;
  const answer = answerFor(body, behaviour);
  if (body.stream) await stream(req, res, answer, behaviour, body.stream_options?.include_usage);
  else json(res, 200, completion(answer));
}

// ---- Anthropic Messages API ----

const ANTHROPIC_ERROR_TYPES = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

function anthropicError(res, status, message, headers = {}) {
  const type = ANTHROPIC_ERROR_TYPES[status] ?? 'api_error';
  json(res, status, { type: 'error', error: { type, message } }, headers);
}

/** What the real API refuses, as a message; null when the body is acceptable. */
function invalidMessagesBody(body) {
  if (typeof body.model !== 'string') return 'model: Field required';
  if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1)
    return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  if (body.messages.length === 0) return 'messages: at least one message is required';
  const role = body.messages.find((m) => m?.role !== 'user' && m?.role !== 'assistant')?.role;
  if (role !== undefined) return `messages: Unexpected role "${role}"`;
  if (body.thinking?.type === 'enabled') {
    const budget = body.thinking.budget_tokens;
    if (!Number.isInteger(budget) || budget < 1024) return 'thinking.budget_tokens: at least 1024';
    if (budget >= body.max_tokens)
      return '`max_tokens` must be greater than `thinking.budget_tokens`';
  }
  return null;
}

function anthropicAnswer(body, behaviour) {
  const text = lastUserText(body.messages);
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const tool = body.tool_choice?.type !== 'none' ? tools[0]?.name : undefined;
  const thinks = behaviour.reasoning || body.thinking?.type === 'enabled';
  const content = tool ? null : `Echo: ${text}`;
  const reasoning = thinks ? `Thinking about ${text}.` : null;
  return {
    model: body.model,
    content,
    reasoning,
    toolCall: tool ? { id: 'toolu_stand_in_0', name: tool, input: { text } } : null,
    promptTokens: body.messages.reduce(
      (sum, m) => sum + words(messageText(m?.content)).length,
      words(messageText(body.system)).length,
    ),
    outputTokens: words(content ?? '').length + words(reasoning ?? '').length + (tool ? 2 : 0),
    stopReason: tool ? 'tool_use' : 'end_turn',
  };
}

function anthropicMessage(answer) {
  const content = [];
  if (answer.reasoning) {
    content.push({ type: 'thinking', thinking: answer.reasoning, signature: 'stand-in-signature' });
  }
  if (answer.content !== null) content.push({ type: 'text', text: answer.content });
  if (answer.toolCall) content.push({ type: 'tool_use', ...answer.toolCall });
  return {
    id: 'msg_stand_in',
    type: 'message',
    role: 'assistant',
    model: answer.model,
    content,
    stop_reason: answer.stopReason,
    stop_sequence: null,
    usage: { input_tokens: answer.promptTokens, output_tokens: answer.outputTokens },
  };
}

/** The events of a streamed answer, as the real API orders them. */
function anthropicEvents(answer, behaviour) {
  const event = (type, fields = {}) => ({ event: type, data: JSON.stringify({ type, ...fields }) });
  const out = [
    event('message_start', {
      message: {
        id: 'msg_stand_in',
        type: 'message',
        role: 'assistant',
        model: answer.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: answer.promptTokens, output_tokens: 1 },
      },
    }),
    event('ping'),
  ];
  let index = 0;
  const block = (start, deltas) => {
    out.push(event('content_block_start', { index, content_block: start }));
    for (const delta of deltas) out.push(event('content_block_delta', { index, delta }));
    out.push(event('content_block_stop', { index }));
    index++;
  };
  if (answer.reasoning) {
    block({ type: 'thinking', thinking: '' }, [
      ...words(answer.reasoning).map((piece) => ({ type: 'thinking_delta', thinking: piece })),
      { type: 'signature_delta', signature: 'stand-in-signature' },
    ]);
  }
  if (answer.content !== null) {
    block(
      { type: 'text', text: '' },
      words(answer.content).map((piece) => ({ type: 'text_delta', text: piece })),
    );
  }
  if (answer.toolCall) {
    const args = JSON.stringify(answer.toolCall.input);
    const half = Math.floor(args.length / 2);
    block({ type: 'tool_use', id: answer.toolCall.id, name: answer.toolCall.name, input: {} }, [
      { type: 'input_json_delta', partial_json: '' },
      { type: 'input_json_delta', partial_json: args.slice(0, half) },
      { type: 'input_json_delta', partial_json: args.slice(half) },
    ]);
  }
  out.push(
    event('message_delta', {
      delta: { stop_reason: answer.stopReason, stop_sequence: null },
      usage: { output_tokens: answer.outputTokens },
    }),
  );
  if (!behaviour.noDone) out.push(event('message_stop'));
  if (behaviour.errorAfterEvents != null) {
    out.splice(behaviour.errorAfterEvents);
    out.push(
      event('error', {
        error: { type: 'overloaded_error', message: behaviour.message ?? 'Overloaded' },
      }),
    );
  }
  return out;
}

async function messages(req, res, behaviour) {
  const raw = await readBody(req);
  let body;
  try {
    body = JSON.parse(raw);
  } catch {
    return anthropicError(res, 400, 'body is not JSON');
  }
  state.requests[state.requests.length - 1].body = body;
  const invalid = invalidMessagesBody(body);
  if (invalid) return anthropicError(res, 400, invalid);
  const answer = anthropicAnswer(body, behaviour);
  if (body.stream) await sendEvents(res, anthropicEvents(answer, behaviour), behaviour);
  else json(res, 200, anthropicMessage(answer));
}

/** GET /v1/models as Anthropic pages it: `limit` (default 20) after `after_id`. */
function anthropicModels(res, url, behaviour) {
  const asked = Number(url.searchParams.get('limit') ?? 20);
  const limit = Math.min(asked, behaviour.modelPageSize ?? asked);
  const after = url.searchParams.get('after_id');
  const from = after === null ? 0 : MODELS.indexOf(after) + 1;
  const page = MODELS.slice(from, from + limit);
  return json(res, 200, {
    data: page.map((id) => ({
      type: 'model',
      id,
      display_name: id,
      created_at: '2025-01-01T00:00:00Z',
    })),
    has_more: from + limit < MODELS.length,
    first_id: page[0] ?? null,
    last_id: page.at(-1) ?? null,
  });
}

async function handle(req, res) {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const path = url.pathname;
  if (path.startsWith('/_stand-in/')) {
    if (path === '/_stand-in/requests') return json(res, 200, state.requests);
    if (path === '/_stand-in/stats') return json(res, 200, { disconnects: state.disconnects });
    if (path === '/_stand-in/reset') {
      Object.assign(state, { requests: [], disconnects: 0, behaviour: {} });
      return json(res, 200, {});
    }
    if (path === '/_stand-in/behaviour') {
      state.behaviour = JSON.parse((await readBody(req)) || '{}');
      return json(res, 200, state.behaviour);
    }
    return json(res, 404, { error: { message: `no control ${path}` } });
  }

  state.requests.push({
    method: req.method,
    path,
    authorization: req.headers.authorization ?? null,
    xApiKey: req.headers['x-api-key'] ?? null,
    anthropicVersion: req.headers['anthropic-version'] ?? null,
  });
  const anthropic = path === '/v1/messages' || req.headers['anthropic-version'] !== undefined;
  res.on('close', () => {
    if (!res.writableFinished) state.disconnects++;
  });
  const behaviour = behaviourOf(req);
  if (behaviour.stall === 'before-headers') return;
  if (behaviour.stall === 'after-headers') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
    return;
  }
  if (behaviour.status) {
    const headers =
      behaviour.retryAfter != null ? { 'retry-after': String(behaviour.retryAfter) } : {};
    if (anthropic) {
      const message = behaviour.message ?? `stand-in failure ${behaviour.status}`;
      return anthropicError(res, behaviour.status, message, headers);
    }
    return json(
      res,
      behaviour.status,
      {
        error: {
          message: behaviour.message ?? `stand-in failure ${behaviour.status}`,
          type: behaviour.status === 429 ? 'rate_limit_exceeded' : 'server_error',
          code: behaviour.status,
        },
      },
      headers,
    );
  }
  if (req.method === 'GET' && path === '/health') {
    res.writeHead(200);
    return res.end();
  }
  if (req.method === 'GET' && path === '/version') {
    return json(res, 200, { version: '0.17.0+stand-in' });
  }
  if (req.method === 'GET' && path === '/v1/models' && anthropic) {
    return anthropicModels(res, url, behaviour);
  }
  if (req.method === 'GET' && path === '/v1/models') {
    return json(res, 200, {
      object: 'list',
      data: MODELS.map((id) => ({
        id,
        object: 'model',
        created: 0,
        owned_by: 'vllm',
        max_model_len: 32768,
      })),
    });
  }
  if (req.method === 'POST' && path === '/v1/chat/completions') {
    return chatCompletions(req, res, behaviour);
  }
  if (req.method === 'POST' && path === '/v1/messages') return messages(req, res, behaviour);
  json(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    if (!res.headersSent) json(res, 500, { error: { message: String(error) } });
    else res.destroy();
  });
});

server.listen(options.port, options.host, () => {
  const { port } = server.address();
  process.stdout.write(`stand-in-llm listening on http://${options.host}:${port}\n`);
});

if (!options.persist) {
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}
process.on('SIGTERM', () => process.exit(0));
