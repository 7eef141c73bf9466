import type { MethodName, MethodOutput, ParsedInput } from '../../contract';
import { appInfo } from './app-service';
import { cancelChat, sendChat } from './chat/chat-methods';
import { conversationMessages, listConversations } from './conversations-service';
import type { ServiceContext } from './context';
import { checkLanes, listLanes } from './lanes-service';
import { listModels } from './models-service';
import { checkPolicy } from './policy-service';
import * as policyEdit from './policy-edit/policy-edit-methods';
import { reloadProfile } from './profile-service';
import { regenerateChat } from './chat/chat-methods';
import {
  deleteConversation,
  exportConversationText,
  keepConversationLocal,
  renameConversation,
} from './conversation-actions';
import { replayRecord } from './replay-record-service';
import { exportReplay, listReplay } from './replay-list-service';
import { getInsights } from './insights-service';

import { pullModels, verifyModels } from './model-downloads/models-methods';
import { completeOnboarding, onboardingState } from './onboarding-service';
import { applyProfile } from './profile-import/apply-profile';
import { previewProfile } from './profile-import/preview-profile';
import { forgetMemory, listMemory, updateMemory } from './memory-service';
import { addLan, forgetLane, probeLan } from './lan-endpoints-service';
import {
  managedDown,
  managedLogs,
  managedSpec,
  managedStatus,
  managedUp,
  saveManagedSpec,
} from './managed-lanes-service';
import { listSecrets, removeSecret, setSecret } from './secrets-service';
import { getSettings, setSettings } from './settings-service';
import { dockerEngine } from './docker-engine-service';
import { getTopology, testTopology } from './topology-service';
import { policyWhatIf } from './policy-what-if/what-if-service';
import { routePlayground } from './playground/route-playground';
import { runPlaygroundProbes } from './playground/run-playground-probes';
import { importReplay, listImports } from './replay-import-service';
/** The implementation of every contract method; inputs arrive validated. */
export type ServiceHandlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export function createHandlers(ctx: ServiceContext): ServiceHandlers {
  return {
    'app.info': () => appInfo(ctx),
    'models.list': () => listModels(ctx),
    'lanes.list': () => listLanes(ctx),
    'lanes.check': (input) => checkLanes(ctx, input),
    'profile.reload': () => reloadProfile(ctx),
    'chat.send': (input) => sendChat(ctx, input),
    'chat.cancel': (input) => cancelChat(ctx, input),
    'conversations.list': () => listConversations(ctx),
    'conversations.messages': (input) => conversationMessages(ctx, input),
    'policy.check': (input) => checkPolicy(input),
    'chat.regenerate': (input) => regenerateChat(ctx, input),
    'conversations.rename': (input) => renameConversation(ctx, input),
    'conversations.keepLocal': (input) => keepConversationLocal(ctx, input),
    'conversations.delete': (input) => deleteConversation(ctx, input),
    'conversations.export': (input) => exportConversationText(ctx, input),
    'replay.record': (input) => replayRecord(ctx, input),
    'replay.list': (input) => listReplay(ctx, input),
    'replay.export': (input) => exportReplay(ctx, input),
    'insights.get': (input) => getInsights(ctx, input),
    'profile.preview': (input) => previewProfile(input),
    'profile.apply': (input) => applyProfile(ctx, input),
    'models.pull': (input) => pullModels(ctx, input),
    'models.verify': (input) => verifyModels(ctx, input),
    'onboarding.state': () => onboardingState(ctx),
    'onboarding.complete': () => completeOnboarding(ctx),
    'lanes.probe': (input) => probeLan(ctx, input),
    'lanes.add': (input) => addLan(ctx, input),
    'lanes.forget': (input) => forgetLane(ctx, input),
    'lanes.managed.status': (input) => managedStatus(ctx, input),
    'lanes.managed.up': (input) => managedUp(ctx, input),
    'lanes.managed.down': (input) => managedDown(ctx, input),
    'lanes.managed.logs': (input) => managedLogs(ctx, input),
    'lanes.managed.spec.get': (input) => managedSpec(ctx, input),
    'lanes.managed.spec.set': (input) => saveManagedSpec(ctx, input),
    'settings.get': () => getSettings(ctx),
    'settings.set': (input) => setSettings(ctx, input),
    'memory.list': () => listMemory(ctx),
    'memory.update': (input) => updateMemory(ctx, input),
    'memory.forget': (input) => forgetMemory(ctx, input),
    'secrets.list': () => listSecrets(ctx),
    'secrets.set': (input) => setSecret(ctx, input),
    'secrets.remove': (input) => removeSecret(ctx, input),
    'lanes.managed.engine': () => dockerEngine(),
    'topology.get': () => getTopology(ctx),
    // Replaced by the policy editor's services as they land.
    'policy.active': () => policyEdit.policyActive(ctx),
    'policy.compile': (input) => policyEdit.compilePolicy(ctx, input),
    'policy.decompile': (input) => policyEdit.decompilePolicy(input),
    'policy.diff': (input) => policyEdit.diffPolicy(ctx, input),
    'policy.apply': (input) => policyEdit.applyPolicy(ctx, input),
    'policy.history': () => policyEdit.policyHistory(ctx),
    'policy.version': (input) => policyEdit.policyVersion(ctx, input),
    'policy.rollback': (input) => policyEdit.rollbackPolicy(ctx, input),
    'policy.export': (input) => policyEdit.exportPolicy(ctx, input),
    'policy.whatIf': (input) => policyWhatIf(ctx, input),
    'topology.test': (input) => testTopology(ctx, input),
    'playground.route': (input) => routePlayground(ctx, input),
    'playground.probes': (input) => runPlaygroundProbes(ctx, input),
    'replay.import': (input) => importReplay(ctx, input),
    'replay.imports': () => listImports(ctx),
  };
}
