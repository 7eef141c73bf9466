// A stand-in OpenAI-compatible LLM server for tests, run as its own process:
//   node test/support/stand-in-llm/server.mjs
// It listens on 127.0.0.1 with a free port and prints
//   stand-in-llm listening on http://127.0.0.1:<port>
// It exits when its stdin closes (so it never outlives the test run).
//
// Endpoints: POST /v1/chat/completions (streamed or not), GET /v1/models,
// GET /health (200, empty body, as vLLM). The answer is derived from the
// last user message: content "Echo: <text>", reasoning "Thinking about
// <text>." when asked, and a call of the first tool when `tools` is sent.
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
//   noDone: true                  close without `data: [DONE]`
// Control: GET /_stand-in/requests (what was received), GET /_stand-in/stats
// ({disconnects}: responses the client abandoned), POST /_stand-in/reset.

import { createServer } from 'node:http';

const MODELS = ['stand-in-small', 'stand-in-large'];
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
  const eol = behaviour.crlf ? '\r\n' : '\n';
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  const events = chunks(answer, includeUsage).map((c) => JSON.stringify(c));
  if (!behaviour.noDone) events.push('[DONE]');
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
    await write(`data: ${events[i]}${eol}${eol}`);
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

async function handle(req, res) {
  const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
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
  });
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
  if (req.method === 'GET' && path === '/v1/models') {
    return json(res, 200, {
      object: 'list',
      data: MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'stand-in' })),
    });
  }
  if (req.method === 'POST' && path === '/v1/chat/completions') {
    return chatCompletions(req, res, behaviour);
  }
  json(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    if (!res.headersSent) json(res, 500, { error: { message: String(error) } });
    else res.destroy();
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`stand-in-llm listening on http://127.0.0.1:${port}\n`);
});

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
