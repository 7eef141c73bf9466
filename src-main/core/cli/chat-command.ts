import type { Command } from 'commander';
import { NoLaneError } from '../lanes/fallback';
import type { LaneAttempt } from '../lanes/fallback';
import { DEFAULT_CONNECT_SETTINGS, connectLanes } from '../lanes/lane-connect';
import { isLaneError } from '../lanes/lane-errors';
import { RoutingError } from '../router/resolve-route';
import { personalContext, rememberIfAsked } from '../services/personal-context';
import { ConversationStore } from '../conversations/conversation-store';
import { ChatRecorder } from '../services/chat-recorder';
import { routedChat } from '../services/routed-chat';
import { RecordStore } from '../replay/record-store';
import { TaintStore } from '../privacy/taint-store';
import type { RoutedChatResult } from '../services/routed-chat';
import type { CloudEscalation } from '../privacy/egress-guard';
import type { CliIo } from './io';
import { cloudEscalationOption } from './privacy-options';
import { lanesContext } from './lanes-context';
import { CliExit, loadRouter, routerOptions } from './load-router';
import { openAppDatabase } from './open-database';

// `homelane chat --config FILE "text"`: one message through the whole path —
// routing, the lanes (with fallback), the answer streamed to stdout. How it
// was routed and which lane answered go to stderr, so stdout is the answer.

export interface ChatOptions {
  config: string;
  model?: string;
  json?: boolean;
  dataDir?: string;
  lite?: boolean;
  timeout?: string;
  showReasoning?: boolean;
  cloudEscalation?: CloudEscalation;
  conversation?: string;
  keepLocal?: boolean;
  allowCloud?: boolean;
  overridePrivacy?: boolean;
}

function describeAttempts(attempts: readonly LaneAttempt[]): string {
  return attempts
    .map(
      (attempt) =>
        `${attempt.lane_id}: ${attempt.outcome}${attempt.code ? ` (${attempt.code})` : ''}`,
    )
    .join(', ');
}

export async function runChat(
  text: string,
  options: ChatOptions,
  io: CliIo,
  env = process.env,
): Promise<void> {
  if (text.trim() === '') {
    io.err('homelane chat: give the message as TEXT\n');
    throw new CliExit(2);
  }
  const seconds = options.timeout === undefined ? 120 : Number(options.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    io.err('homelane chat: --timeout takes seconds, e.g. 120\n');
    throw new CliExit(2);
  }
  const router = await loadRouter(options.config, io, routerOptions(options));
  const context = await lanesContext(options, io, env, router.config);
  const clientFor = await connectLanes(context.lanes, {
    connectTimeoutMs: DEFAULT_CONNECT_SETTINGS.connectTimeoutMs,
    idleTimeoutMs: seconds * 1000,
    secrets: context.secrets,
    env: context.env,
  });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  if (
    (options.keepLocal || options.allowCloud || options.overridePrivacy) &&
    !options.conversation
  ) {
    io.err(
      'homelane chat: --keep-local, --allow-cloud and --override-privacy need --conversation ID\n',
    );
    throw new CliExit(2);
  }
  const db = openAppDatabase(context.dataDir, io, 'chat');
  if (options.conversation) {
    const switches = new TaintStore(db);
    if (options.keepLocal) switches.setKeepLocal(options.conversation, true);
    if (options.allowCloud) switches.setKeepLocal(options.conversation, false);
    if (options.overridePrivacy) {
      switches.setPrivateOverride(options.conversation, true);
      io.err(
        `privacy: you allowed conversation ${options.conversation} to use cloud lanes although it is private; this is recorded\n`,
      );
    }
  }
  const remembered = rememberIfAsked(db, text, options.conversation);
  if (remembered) {
    db.close();
    io.out(`Remembered #${remembered.id}: ${remembered.fact}\n`);
    io.err('memory: kept on this machine; requests that use it stay on local or LAN lanes\n');
    return;
  }
  const personal = personalContext(db, text, {
    cloudEscalation: options.cloudEscalation ?? 'allow',
    ...(options.conversation ? { conversationId: options.conversation } : {}),
  });
  const recorder = new ChatRecorder(new RecordStore(db), router.config, {
    streaming: true,
    ...(options.conversation ? { conversationId: options.conversation } : {}),
  });
  const conversations = new ConversationStore(db);
  const history = options.conversation ? conversations.history(options.conversation) : [];
  const asked = {
    model: options.model ?? router.config.autoModelNames[0] ?? 'auto',
    messages: [...history, { role: 'user', content: text }],
    stream: true,
  };
  const body = {
    model: asked.model,
    messages: [...(personal.memoryMessage ? [personal.memoryMessage] : []), ...asked.messages],
    stream: true,
  };
  if (options.conversation)
    conversations.append(options.conversation, { role: 'user', content: text });
  let result: RoutedChatResult | undefined;
  let routedTo: string | null = null;
  let answered = false;
  try {
    const stream = routedChat(
      {
        router,
        lanes: context.lanes,
        clientFor,
        signal: controller.signal,
        privacy: personal.privacy,
      },
      body,
    );
    for (;;) {
      const step = await stream.next();
      if (step.done) {
        result = step.value;
        recorder.answered(result.candidate.target.alias, result.answer, result.attempts);
        if (options.conversation) {
          conversations.append(options.conversation, {
            role: 'assistant',
            content: result.answer.content,
            model: result.candidate.target.alias,
            laneId: result.candidate.lane.id,
            ...(result.trace.decision ? { decision: result.trace.decision } : {}),
            ...(recorder.recordId ? { recordId: recorder.recordId } : {}),
            ...(result.answer.usage?.promptTokens !== undefined
              ? { promptTokens: result.answer.usage.promptTokens }
              : {}),
            ...(result.answer.usage?.completionTokens !== undefined
              ? { completionTokens: result.answer.usage.completionTokens }
              : {}),
          });
        }
        break;
      }
      const event = step.value;
      if (event.type === 'route') {
        const trace = event.trace;
        routedTo = trace.model;
        personal.record(trace);
        recorder.routed(trace, asked);
        if (!options.json) {
          io.err(
            `route: ${trace.decision ? `decision "${trace.decision}"` : 'no decision'} → ${trace.model ?? 'no model'}\n`,
          );
          if (trace.private) {
            io.err(`private: ${trace.privacy_reasons.map((reason) => reason.detail).join('; ')}\n`);
          }
        }
      } else if (event.type === 'lane') {
        recorder.laneStarted(event.candidate.lane, event.attempts);
        if (!options.json) {
          const lane = event.candidate.lane;
          io.err(
            `lane: ${lane.id} (${lane.locality}, ${lane.baseUrl ?? ''})${event.attempts.length > 1 ? ` after ${describeAttempts(event.attempts.slice(0, -1))}` : ''}\n`,
          );
        }
      } else if (!options.json) {
        const delta = event.delta;
        if (delta.reasoning && options.showReasoning) io.err(delta.reasoning);
        if (delta.content) {
          io.out(delta.content);
          answered = true;
        }
      }
    }
  } catch (error) {
    recorder.failed(error, routedTo);
    const partial = isLaneError(error) ? error.partial?.content : undefined;
    if (options.conversation && partial) {
      conversations.append(options.conversation, {
        role: 'assistant',
        content: partial,
        status: 'partial',
        ...(routedTo ? { model: routedTo } : {}),
        ...(recorder.recordId ? { recordId: recorder.recordId } : {}),
      });
    }
    if (recorder.recordId && !options.json) io.err(`record: ${recorder.recordId}\n`);
    if (answered) io.out('\n');
    if (error instanceof RoutingError) {
      io.err(`homelane chat: ${error.message}\n`);
      throw new CliExit(1);
    }
    if (error instanceof NoLaneError) {
      io.err(`homelane chat: ${error.message} [${error.code}]\n`);
      throw new CliExit(1);
    }
    if (isLaneError(error)) {
      const kept = error.partial?.content ? ' (the partial answer above was kept)' : '';
      io.err(`homelane chat: the answer is incomplete: ${error.message} [${error.code}]${kept}\n`);
      throw new CliExit(1);
    }
    throw error;
  } finally {
    process.off('SIGINT', stop);
    db.close();
  }
  if (options.json) {
    io.out(
      `${JSON.stringify(
        {
          trace: result.trace,
          lane: result.candidate.lane,
          attempts: result.attempts,
          answer: result.answer,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  if (answered) io.out('\n');
  if (recorder.recordId) io.err(`record: ${recorder.recordId}\n`);
  const usage = result.answer.usage;
  if (usage)
    io.err(
      `usage: ${usage.promptTokens ?? '?'} prompt + ${usage.completionTokens ?? '?'} completion tokens\n`,
    );
}

export function addChatCommand(program: Command, io: CliIo): void {
  program
    .command('chat <text>')
    .description('send one message through routing and the lanes; the answer streams to stdout')
    .requiredOption('-c, --config <file>', 'the routing policy')
    .option(
      '--model <name>',
      "the requested model: an entrypoint or an alias (default: the policy's first auto name)",
    )
    .option('--data-dir <dir>', 'the data folder (models, lanes, secrets)')
    .option('--lite', 'route without the on-device models')
    .option('--timeout <seconds>', 'longest silence from a lane', '120')
    .addOption(cloudEscalationOption())
    .option(
      '--conversation <id>',
      'a conversation to continue: once private, it stays private (kept in the data folder)',
    )
    .option('--keep-local', 'keep this conversation on local and LAN lanes from now on')
    .option('--allow-cloud', 'undo --keep-local for this conversation')
    .option(
      '--override-privacy',
      'let this private conversation use cloud lanes (your explicit choice, recorded)',
    )
    .option('--show-reasoning', "print the model's reasoning to stderr")
    .option('--json', 'print the trace, the lane, the attempts and the answer as JSON at the end')
    .action((text: string, options: ChatOptions) => runChat(text, options, io));
}
