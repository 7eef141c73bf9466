import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONVERSATION_ID_PATTERN } from '../../contract';
import type { ChatRequestBody } from '../lanes/chat-types';
import { NoLaneError } from '../lanes/fallback';
import type { Lane } from '../lanes/lane-registry';
import { isLaneError } from '../lanes/lane-errors';
import { createLogger } from '../logger';
import type { CloudEscalation } from '../privacy/egress-guard';
import { RoutingError } from '../router/resolve-route';
import type { RoutingTrace } from '../router/trace';
import type { LaneSet } from '../services/lanes-runtime';
import {
  DeltaEvents,
  completionBody,
  roleChunk,
  sse,
  usageChunk,
} from '../services/openai/openai-wire';
import type { CompletionIds } from '../services/openai/openai-wire';
import { proxyChat } from '../services/openai/proxy-chat';
import { vsrHeaders, wantsDebug } from '../services/openai/vsr-headers';
import type { RoutingRuntime } from '../services/routing-runtime';
import { parseChatBody } from './chat-body';
import type { ChatBody } from './chat-body';
import { openAiErrorBody, sendOpenAiError } from './openai-error';

const log = createLogger('openai');

// The OpenAI-compatible surface other apps point at: POST /v1/chat/completions
// (streamed or not) for the profile's auto names, entrypoints and aliases,
// and GET /v1/models. Answers carry upstream's x-vsr-* headers; a client can
// name its conversation (header `x-homelane-conversation` or
// `metadata.conversation_id`) so privacy taint follows it across requests.

export interface OpenAiRouteDeps {
  routing: RoutingRuntime | null;
  laneSet: (() => LaneSet) | null;
  /** The app's database (records, taint, memory); null when it cannot be written. */
  database: () => Database.Database | null;
  cloudEscalation: CloudEscalation;
}

/** The conversation a client named, or an error message. */
function conversationOf(request: FastifyRequest, body: ChatBody): string | undefined | Error {
  const header = request.headers['x-homelane-conversation'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const fromBody = body.metadata?.['conversation_id'];
  const id = fromHeader ?? (typeof fromBody === 'string' ? fromBody : undefined);
  if (id === undefined) return undefined;
  return CONVERSATION_ID_PATTERN.test(id)
    ? id
    : new Error('a conversation id is 1 to 64 letters, digits, "-" or "_"');
}

/** Maps what routing and the lanes throw before an answer starts to a status and an error body. */
function failureOf(error: unknown): { status: number; body: ReturnType<typeof openAiErrorBody> } {
  if (error instanceof RoutingError) {
    const status = error.code === 'forbidden' ? 403 : 400;
    return {
      status,
      body: openAiErrorBody(error.message, 'invalid_request_error', error.code, 'model'),
    };
  }
  if (error instanceof NoLaneError) {
    const sentence = error.message.endsWith('.') ? error.message : `${error.message}.`;
    const hint =
      'The lanes and their health: `homelane lanes list`, or the Lanes page of the dashboard.';
    return {
      status: 503,
      body: openAiErrorBody(`${sentence} ${hint}`, 'service_unavailable', error.code),
    };
  }
  if (isLaneError(error)) {
    const status = error.code === 'aborted' ? 499 : 502;
    return { status, body: openAiErrorBody(error.message, 'server_error', error.code) };
  }
  log.error({ err: error }, 'a chat completion failed');
  return {
    status: 500,
    body: openAiErrorBody(
      'The request failed inside Homelane; the log has the details.',
      'server_error',
      'internal',
    ),
  };
}

async function completions(
  deps: OpenAiRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const parsed = parseChatBody(request.body);
  if (!parsed.ok) {
    return sendOpenAiError(
      reply,
      400,
      parsed.message,
      'invalid_request_error',
      'invalid_body',
      parsed.param,
    );
  }
  const body = parsed.body;
  const conversation = conversationOf(request, body);
  if (conversation instanceof Error)
    return sendOpenAiError(
      reply,
      400,
      conversation.message,
      'invalid_request_error',
      'invalid_conversation',
    );
  const db = deps.database();
  if (!deps.routing || !deps.laneSet || !db) {
    return sendOpenAiError(
      reply,
      503,
      !deps.routing
        ? 'No routing profile is loaded.'
        : 'The database cannot be written (see app.info), so requests are not routed.',
      'service_unavailable',
      'unavailable',
    );
  }
  const laneSet = deps.laneSet;
  const streaming = body.stream === true;
  const clientWantsUsage = body.stream_options?.include_usage === true;
  const debug = wantsDebug(request.headers['x-vsr-debug']);
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });

  return deps.routing.withRouter(async (router) => {
    const lanes = laneSet();
    let trace: RoutingTrace | undefined;
    let recordId: string | null = null;
    let answering: { alias: string; lane: Lane } | undefined;
    let started = false;
    const ids: CompletionIds = {
      id: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
      created: Math.floor(Date.now() / 1000),
      model: body.model,
    };
    const deltaEvents = new DeltaEvents(ids);
    const facts = () => ({
      trace: trace as RoutingTrace,
      recordId,
      alias: answering?.alias ?? null,
      lane: answering?.lane ?? null,
      debug,
    });
    const stream = proxyChat(
      {
        db,
        router,
        lanes: lanes.lanes,
        clientFor: lanes.clientFor,
        healthOf: lanes.healthOf,
        cloudEscalation: deps.cloudEscalation,
        signal: controller.signal,
      },
      { body: body as ChatRequestBody, ...(conversation ? { conversationId: conversation } : {}) },
    );
    try {
      for (;;) {
        const step = await stream.next();
        if (step.done) {
          const result = step.value;
          if (!streaming) {
            ids.model = result.candidate.target.alias;
            return reply
              .code(200)
              .headers(vsrHeaders(facts(), 'upstream'))
              .send(completionBody(ids, result.answer));
          }
          if (clientWantsUsage && result.answer.usage)
            reply.raw.write(sse(usageChunk(ids, result.answer.usage)));
          reply.raw.end(sse('[DONE]'));
          return reply;
        }
        const event = step.value;
        if (event.type === 'route') {
          trace = event.trace;
          recordId = event.recordId ?? null;
        } else if (event.type === 'lane') {
          answering = { alias: event.candidate.target.alias, lane: event.candidate.lane };
          ids.model = answering.alias;
          if (streaming && !started) {
            started = true;
            reply.hijack();
            reply.raw.writeHead(200, {
              'content-type': 'text/event-stream; charset=utf-8',
              'cache-control': 'no-cache',
              connection: 'keep-alive',
              'x-content-type-options': 'nosniff',
              ...vsrHeaders(facts(), 'upstream'),
            });
            reply.raw.write(sse(roleChunk(ids)));
          }
        } else if (streaming && started) {
          const out = deltaEvents.of(event.delta);
          if (out !== undefined) reply.raw.write(out);
        }
      }
    } catch (error) {
      const { status, body: errorBody } = failureOf(error);
      if (started) {
        // Headers are gone: the stream ends with an error event, as OpenAI's does.
        if (!reply.raw.destroyed) reply.raw.end(sse(errorBody));
        return reply;
      }
      if (trace) reply.headers(vsrHeaders(facts(), 'error'));
      return reply.code(status).send(errorBody);
    }
  });
}

/** Every name a client may send as `model`: auto names, entrypoints, then aliases. */
function modelList(routing: RoutingRuntime | null): unknown {
  const config = routing?.profile.config;
  const names = config
    ? [...config.autoModelNames, ...config.entrypoints.keys(), ...config.models.keys()]
    : [];
  const created = Math.floor(Date.now() / 1000);
  return {
    object: 'list',
    data: [...new Set(names)].map((id) => ({ id, object: 'model', created, owned_by: 'homelane' })),
  };
}

export function registerOpenAiRoutes(app: FastifyInstance, deps: OpenAiRouteDeps): void {
  app.get('/v1/models', async () => modelList(deps.routing));
  app.post('/v1/chat/completions', (request, reply) => completions(deps, request, reply));
  // Anything else under /v1 answers the way OpenAI clients parse.
  app.all('/v1/*', (request, reply) =>
    sendOpenAiError(
      reply,
      404,
      `Homelane does not serve ${request.method} ${request.url.split('?')[0] ?? ''}; it serves POST /v1/chat/completions and GET /v1/models.`,
      'not_found_error',
      'unknown_route',
    ),
  );
}
