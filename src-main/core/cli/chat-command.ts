import type { Command } from 'commander';
import type { LaneAttemptView } from '../../contract';
import type { MessageAttachment } from '../conversations/conversation-store';
import { DEFAULT_CONNECT_SETTINGS, connectLanes } from '../lanes/lane-connect';
import { TaintStore } from '../privacy/taint-store';
import type { CloudEscalation } from '../privacy/egress-guard';
import { AttachmentError, readAttachmentFile } from '../services/chat/attachment-file';
import { applySavedRetention } from '../replay/retention';
import { runChatTurn } from '../services/chat/chat-turn';
import type { ChatTurnEvent } from '../services/chat/turn-events';
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
  attach?: string[];
}

function describeAttempts(attempts: readonly LaneAttemptView[]): string {
  return attempts
    .map(
      (attempt) =>
        `${attempt.laneId}: ${attempt.outcome}${attempt.code ? ` (${attempt.code})` : ''}`,
    )
    .join(', ');
}

/** The files of --attach, read before anything is sent; exit 2 with the reason otherwise. */
function readAttachments(files: readonly string[], io: CliIo): MessageAttachment[] {
  try {
    return files.map((file) => readAttachmentFile(file));
  } catch (error) {
    if (!(error instanceof AttachmentError)) throw error;
    io.err(`homelane chat: --attach: ${error.message} [${error.code}]\n`);
    throw new CliExit(2);
  }
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
  const attachments = readAttachments(options.attach ?? [], io);
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
  let answered = false;
  const show = (event: ChatTurnEvent) => {
    if (event.type === 'remembered') {
      io.out(`Remembered #${event.memoryId}: ${event.fact}\n`);
      io.err('memory: kept on this machine; requests that use it stay on local or LAN lanes\n');
    }
    if (options.json) return;
    if (event.type === 'routed') {
      io.err(
        `route: ${event.decision ? `decision "${event.decision}"` : 'no decision'} → ${event.model ?? 'no model'}\n`,
      );
      if (event.private) {
        io.err(`private: ${event.privacyReasons.map((reason) => reason.detail).join('; ')}\n`);
      }
    } else if (event.type === 'lane') {
      const lane = context.lanes.find((entry) => entry.id === event.laneId);
      io.err(
        `lane: ${event.laneId} (${event.locality}, ${lane?.baseUrl ?? ''})${event.attempts.length > 1 ? ` after ${describeAttempts(event.attempts.slice(0, -1))}` : ''}\n`,
      );
    } else if (event.type === 'token') {
      if (event.reasoning && options.showReasoning) io.err(event.reasoning);
      if (event.content) {
        io.out(event.content);
        answered = true;
      }
    }
  };
  let outcome;
  try {
    outcome = await runChatTurn(
      {
        db,
        router,
        lanes: context.lanes,
        clientFor,
        cloudEscalation: options.cloudEscalation ?? 'allow',
        signal: controller.signal,
      },
      {
        text,
        ...(options.conversation ? { conversationId: options.conversation } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
        ...(options.model ? { model: options.model } : {}),
      },
      show,
    );
    // The saved retention rule (homelane replay retention) is kept as records are written.
    applySavedRetention(db);
  } finally {
    process.off('SIGINT', stop);
    db.close();
  }
  if (outcome.status === 'remembered') return;
  if (outcome.status === 'failed') {
    const { failure } = outcome;
    if (outcome.recordId && !options.json) io.err(`record: ${outcome.recordId}\n`);
    if (answered) io.out('\n');
    if (failure.kind === 'routing') io.err(`homelane chat: ${failure.message}\n`);
    else if (failure.kind === 'lane') {
      const kept = outcome.partialKept ? ' (the partial answer above was kept)' : '';
      io.err(
        `homelane chat: the answer is incomplete: ${failure.message} [${failure.code}]${kept}\n`,
      );
    } else io.err(`homelane chat: ${failure.message} [${failure.code}]\n`);
    throw new CliExit(1);
  }
  const { result } = outcome;
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
  if (outcome.recordId) io.err(`record: ${outcome.recordId}\n`);
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
    .option(
      '--attach <file>',
      'a text file to send with the message (repeat for more; at most 1 MB each)',
      (file: string, files: string[] = []) => [...files, file],
    )
    .option('--show-reasoning', "print the model's reasoning to stderr")
    .option('--json', 'print the trace, the lane, the attempts and the answer as JSON at the end')
    .action((text: string, options: ChatOptions) => runChat(text, options, io));
}
