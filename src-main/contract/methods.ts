import type { z } from 'zod';
import { AppInfoInputSchema, AppInfoSchema } from './app';
import {
  ChatCancelInputSchema,
  ChatCancelSchema,
  ChatSendInputSchema,
  ChatSendSchema,
} from './chat';
import {
  ConversationMessagesInputSchema,
  ConversationMessagesSchema,
  ConversationsListInputSchema,
  ConversationsListSchema,
} from './conversations';
import {
  LanesCheckInputSchema,
  LanesCheckSchema,
  LanesListInputSchema,
  LanesListSchema,
} from './lanes';
import { ModelsListInputSchema, ModelsListSchema } from './models';
import { PolicyCheckInputSchema, PolicyCheckSchema } from './policy';
import { ProfileReloadInputSchema, ProfileReloadSchema } from './profile';
import { ChatRegenerateInputSchema } from './chat';
import {
  ConversationDeleteInputSchema,
  ConversationDeleteSchema,
  ConversationExportInputSchema,
  ConversationExportSchema,
  ConversationKeepLocalInputSchema,
  ConversationKeepLocalSchema,
  ConversationRenameInputSchema,
  ConversationRenameSchema,
} from './conversations';
import { ReplayRecordInputSchema, ReplayRecordSchema } from './replay-record';
import {
  ReplayExportInputSchema,
  ReplayExportSchema,
  ReplayListInputSchema,
  ReplayListSchema,
} from './replay-list';
import { InsightsGetInputSchema, InsightsSchema } from './insights';
import {
  ModelsPullInputSchema,
  ModelsPullSchema,
  ModelsVerifyInputSchema,
  ModelsVerifySchema,
} from './model-downloads';
import {
  OnboardingCompleteInputSchema,
  OnboardingStateInputSchema,
  OnboardingStateSchema,
} from './onboarding';
import {
  ProfileApplyInputSchema,
  ProfileApplySchema,
  ProfilePreviewInputSchema,
  ProfilePreviewSchema,
} from './profile-import';

import {
  LanesAddInputSchema,
  LanesAddSchema,
  LanesForgetInputSchema,
  LanesForgetSchema,
  LanesProbeInputSchema,
  LanesProbeSchema,
} from './lan-endpoints';
import {
  ManagedDownInputSchema,
  ManagedDownSchema,
  ManagedLogsInputSchema,
  ManagedLogsSchema,
  ManagedSpecGetInputSchema,
  ManagedSpecGetSchema,
  ManagedSpecSetInputSchema,
  ManagedSpecSetSchema,
  ManagedStatusInputSchema,
  ManagedStatusSchema,
  ManagedUpInputSchema,
  ManagedUpSchema,
} from './managed-lanes';
import {
  MemoryForgetInputSchema,
  MemoryForgetSchema,
  MemoryListInputSchema,
  MemoryListSchema,
  MemoryUpdateInputSchema,
  MemoryUpdateSchema,
} from './memory';
import {
  SecretsListInputSchema,
  SecretsListSchema,
  SecretsRemoveInputSchema,
  SecretsRemoveSchema,
  SecretsSetInputSchema,
  SecretsSetSchema,
} from './secrets';
import {
  SettingsGetInputSchema,
  SettingsGetSchema,
  SettingsSetInputSchema,
  SettingsSetSchema,
} from './settings';

import { DockerEngineInputSchema, DockerEngineSchema } from './docker-engine';
import {
  TopologyGetInputSchema,
  TopologyGetSchema,
  TopologyTestInputSchema,
  TopologyTestSchema,
} from './topology';
import {
  PolicyActiveInputSchema,
  PolicyActiveSchema,
  PolicyApplyInputSchema,
  PolicyApplySchema,
  PolicyCompileInputSchema,
  PolicyCompileSchema,
  PolicyDecompileInputSchema,
  PolicyDecompileSchema,
  EditedPolicyInputSchema,
  PolicyDiffSchema,
  PolicyExportInputSchema,
  PolicyExportSchema,
  PolicyHistoryInputSchema,
  PolicyHistorySchema,
  PolicyRollbackInputSchema,
  PolicyVersionInputSchema,
  PolicyVersionTextSchema,
} from './policy-edit';
import { PolicyWhatIfInputSchema, PolicyWhatIfSchema } from './policy-what-if';
import {
  PlaygroundProbesInputSchema,
  PlaygroundProbesSchema,
  PlaygroundRouteInputSchema,
  PlaygroundRouteSchema,
} from './playground';
import {
  ReplayImportInputSchema,
  ReplayImportSchema,
  ReplayImportsInputSchema,
  ReplayImportsSchema,
} from './replay-import';
/**
 * Every call of the HomelaneApi, declared once: a dotted name (resource
 * first, verb last), a zod schema for its input and one for its output.
 * Services implement this map; both transports serve it; the renderer
 * calls it. Adding a method here makes the compiler ask for its handler.
 */
export const apiMethods = {
  'app.info': {
    summary: 'Version, runtime, data folder and the loaded routing profile.',
    input: AppInfoInputSchema,
    output: AppInfoSchema,
  },
  'models.list': {
    summary: 'The routing models of the catalog and which are installed (no network).',
    input: ModelsListInputSchema,
    output: ModelsListSchema,
  },
  'lanes.list': {
    summary: 'Every lane with its locality and health, the managed lanes and the LAN endpoints.',
    input: LanesListInputSchema,
    output: LanesListSchema,
  },
  'profile.reload': {
    summary:
      "Read the routing profile's file again: in force if it is valid, else refused with its problems.",
    input: ProfileReloadInputSchema,
    output: ProfileReloadSchema,
  },
  'lanes.check': {
    summary: 'Check one lane (or all) now: /health and its model list; returns the lanes after.',
    input: LanesCheckInputSchema,
    output: LanesCheckSchema,
  },
  'chat.send': {
    summary:
      'Start a chat turn; it streams through chat.* events and ends with chat.done or chat.error.',
    input: ChatSendInputSchema,
    output: ChatSendSchema,
  },
  'chat.cancel': {
    summary: 'Stop a running turn; what has streamed is kept, marked partial.',
    input: ChatCancelInputSchema,
    output: ChatCancelSchema,
  },
  'conversations.list': {
    summary: 'The conversations kept on this machine, newest first.',
    input: ConversationsListInputSchema,
    output: ConversationsListSchema,
  },
  'conversations.messages': {
    summary: 'The stored messages of one conversation, in order.',
    input: ConversationMessagesInputSchema,
    output: ConversationMessagesSchema,
  },
  'policy.check': {
    summary:
      'Check DSL policy text: its located diagnostics (with fixes) and declared names; nothing is applied.',
    input: PolicyCheckInputSchema,
    output: PolicyCheckSchema,
  },
  'chat.regenerate': {
    summary:
      "Answer a conversation's last message again (regenerate, retry, or allow a cloud lane once after an ask).",
    input: ChatRegenerateInputSchema,
    output: ChatSendSchema,
  },
  'conversations.rename': {
    summary: 'Give a conversation a title of your own.',
    input: ConversationRenameInputSchema,
    output: ConversationRenameSchema,
  },
  'conversations.keepLocal': {
    summary: 'Switch a conversation\'s "keep local": only local and LAN lanes answer it.',
    input: ConversationKeepLocalInputSchema,
    output: ConversationKeepLocalSchema,
  },
  'conversations.delete': {
    summary: 'Delete a conversation and its messages; its routing records stay in Replay.',
    input: ConversationDeleteInputSchema,
    output: ConversationDeleteSchema,
  },
  'conversations.export': {
    summary: 'A conversation as Markdown or JSON text, with a file name to save it under.',
    input: ConversationExportInputSchema,
    output: ConversationExportSchema,
  },
  'replay.record': {
    summary: 'One routing record by id: the full trace, the lanes tried, timings, tokens and cost.',
    input: ReplayRecordInputSchema,
    output: ReplayRecordSchema,
  },
  'replay.list': {
    summary: 'Stored routing records newest first, filtered, a page at a time (keyset cursor).',
    input: ReplayListInputSchema,
    output: ReplayListSchema,
  },
  'replay.export': {
    summary: 'The filtered routing records as the lossless JSONL export, with a file name.',
    input: ReplayExportInputSchema,
    output: ReplayExportSchema,
  },
  'insights.get': {
    summary: 'Requests, tokens, cost against the baseline, savings and kept-local share.',
    input: InsightsGetInputSchema,
    output: InsightsSchema,
  },
  'profile.preview': {
    summary:
      'Read a profile (built-in, a file, picked text or a URL): its text, a summary and located problems; nothing is applied.',
    input: ProfilePreviewInputSchema,
    output: ProfilePreviewSchema,
  },
  'profile.apply': {
    summary:
      'Check previewed profile text again, put it in force and save it as the active profile (the old one kept); refused with its problems otherwise.',
    input: ProfileApplyInputSchema,
    output: ProfileApplySchema,
  },
  'models.pull': {
    summary:
      'Start downloading catalog models; progress arrives as models.progress, the end as models.done or models.error.',
    input: ModelsPullInputSchema,
    output: ModelsPullSchema,
  },
  'models.verify': {
    summary: 'Re-hash installed models against what their download recorded (offline).',
    input: ModelsVerifyInputSchema,
    output: ModelsVerifySchema,
  },
  'onboarding.state': {
    summary: 'Whether first-start onboarding was finished on this machine.',
    input: OnboardingStateInputSchema,
    output: OnboardingStateSchema,
  },
  'onboarding.complete': {
    summary: 'Mark first-start onboarding as finished, so the app opens on its pages next time.',
    input: OnboardingCompleteInputSchema,
    output: OnboardingStateSchema,
  },
  'lanes.probe': {
    summary:
      'Probe a server address on the network: its kind, models and a proposed alias mapping (nothing saved).',
    input: LanesProbeInputSchema,
    output: LanesProbeSchema,
  },
  'lanes.add': {
    summary:
      'Save a LAN endpoint with the alias mapping the person confirmed (probed again first).',
    input: LanesAddInputSchema,
    output: LanesAddSchema,
  },
  'lanes.forget': {
    summary: 'Remove a saved LAN endpoint or managed lane from this machine.',
    input: LanesForgetInputSchema,
    output: LanesForgetSchema,
  },
  'lanes.managed.status': {
    summary: "A managed lane's container: its state, and what Homelane is doing with it now.",
    input: ManagedStatusInputSchema,
    output: ManagedStatusSchema,
  },
  'lanes.managed.up': {
    summary:
      'Start a managed lane in the background; progress arrives as lanes.managed.progress events.',
    input: ManagedUpInputSchema,
    output: ManagedUpSchema,
  },
  'lanes.managed.down': {
    summary: "Stop a managed lane's container (or remove it); a start in progress is cancelled.",
    input: ManagedDownInputSchema,
    output: ManagedDownSchema,
  },
  'lanes.managed.logs': {
    summary: "The last lines a managed lane's container wrote.",
    input: ManagedLogsInputSchema,
    output: ManagedLogsSchema,
  },
  'lanes.managed.spec.get': {
    summary:
      "A managed lane's flags as saved, or the reference deployment for a new one (not saved).",
    input: ManagedSpecGetInputSchema,
    output: ManagedSpecGetSchema,
  },
  'lanes.managed.spec.set': {
    summary: "Check and save a managed lane's flags; the next start re-makes its container.",
    input: ManagedSpecSetInputSchema,
    output: ManagedSpecSetSchema,
  },
  'settings.get': {
    summary: 'The data folder, retention and privacy settings in force.',
    input: SettingsGetInputSchema,
    output: SettingsGetSchema,
  },
  'settings.set': {
    summary: 'Change retention (applied at once) and cloud escalation (from the next request).',
    input: SettingsSetInputSchema,
    output: SettingsSetSchema,
  },
  'memory.list': {
    summary: 'The facts kept in personal memory on this machine.',
    input: MemoryListInputSchema,
    output: MemoryListSchema,
  },
  'memory.update': {
    summary: 'Correct a remembered fact.',
    input: MemoryUpdateInputSchema,
    output: MemoryUpdateSchema,
  },
  'memory.forget': {
    summary: 'Forget a remembered fact.',
    input: MemoryForgetInputSchema,
    output: MemoryForgetSchema,
  },
  'secrets.list': {
    summary: 'The names of the API keys and where each is kept; never their values.',
    input: SecretsListInputSchema,
    output: SecretsListSchema,
  },
  'secrets.set': {
    summary: 'Store an API key (write-only: the value is never sent back).',
    input: SecretsSetInputSchema,
    output: SecretsSetSchema,
  },
  'secrets.remove': {
    summary: 'Delete a stored API key.',
    input: SecretsRemoveInputSchema,
    output: SecretsRemoveSchema,
  },
  'lanes.managed.engine': {
    summary: 'Whether a Docker engine answers (and its version); nothing is saved or started.',
    input: DockerEngineInputSchema,
    output: DockerEngineSchema,
  },
  'topology.get': {
    summary:
      'The routing profile in force as a graph: signals, projections, decisions, models, lanes.',
    input: TopologyGetInputSchema,
    output: TopologyGetSchema,
  },
  'topology.test': {
    summary: "A prompt's routing trace (every signal runs; nothing is generated or recorded).",
    input: TopologyTestInputSchema,
    output: TopologyTestSchema,
  },
  'policy.active': {
    summary: 'The policy in force as YAML (as written) and as DSL.',
    input: PolicyActiveInputSchema,
    output: PolicyActiveSchema,
  },
  'policy.compile': {
    summary:
      'DSL to the whole config it would become, merged into the YAML in force; nothing is applied.',
    input: PolicyCompileInputSchema,
    output: PolicyCompileSchema,
  },
  'policy.decompile': {
    summary: "YAML to DSL, with the YAML's located problems.",
    input: PolicyDecompileInputSchema,
    output: PolicyDecompileSchema,
  },
  'policy.diff': {
    summary:
      'An edited policy (DSL or YAML) compared with the one in force: a unified diff and the decisions that change.',
    input: EditedPolicyInputSchema,
    output: PolicyDiffSchema,
  },
  'policy.apply': {
    summary:
      'Check an edited policy and put it in force; the version it replaces is kept in the history.',
    input: PolicyApplyInputSchema,
    output: PolicyApplySchema,
  },
  'policy.history': {
    summary: 'The versions applied in the app, the one in force first.',
    input: PolicyHistoryInputSchema,
    output: PolicyHistorySchema,
  },
  'policy.version': {
    summary: 'The YAML of one version in the history.',
    input: PolicyVersionInputSchema,
    output: PolicyVersionTextSchema,
  },
  'policy.rollback': {
    summary: 'Put an earlier version back in force (checked again; the one it replaces is kept).',
    input: PolicyRollbackInputSchema,
    output: PolicyApplySchema,
  },
  'policy.export': {
    summary: 'A clean v0.3 config and DSL for upstream: the policy in force, or an edit.',
    input: PolicyExportInputSchema,
    output: PolicyExportSchema,
  },
  'policy.whatIf': {
    summary: 'Route the stored requests again under an edited policy and say what would change.',
    input: PolicyWhatIfInputSchema,
    output: PolicyWhatIfSchema,
  },
  'playground.route': {
    summary:
      'Route a prompt or a conversation as a live request would be (privacy and lanes included): the trace and the lane it would go to; nothing is generated or recorded.',
    input: PlaygroundRouteInputSchema,
    output: PlaygroundRouteSchema,
  },
  'playground.probes': {
    summary:
      'Run a probe file against the profile in force, as `homelane probe` does: pass or fail per variant, or the located problems of a malformed file.',
    input: PlaygroundProbesInputSchema,
    output: PlaygroundProbesSchema,
  },
  'replay.import': {
    summary:
      "Import a replay JSONL export into a database of its own (apart from this machine's records): counts and problems by line.",
    input: ReplayImportInputSchema,
    output: ReplayImportSchema,
  },
  'replay.imports': {
    summary: 'The imported replay sets kept in the data folder, with their record counts.',
    input: ReplayImportsInputSchema,
    output: ReplayImportsSchema,
  },
} as const satisfies Record<string, MethodSpec>;

export interface MethodSpec {
  summary: string;
  input: z.ZodType;
  output: z.ZodType;
}

export type MethodName = keyof typeof apiMethods;
export type MethodInput<M extends MethodName> = z.input<(typeof apiMethods)[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<(typeof apiMethods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof apiMethods)[M]['output']>;

export const METHOD_NAMES = Object.keys(apiMethods) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(apiMethods, value);
}
