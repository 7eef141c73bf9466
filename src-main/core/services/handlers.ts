import type { MethodName, MethodOutput, ParsedInput } from '../../contract';
import { appInfo } from './app-service';
import { cancelChat, sendChat } from './chat/chat-methods';
import { conversationMessages, listConversations } from './conversations-service';
import type { ServiceContext } from './context';
import { checkLanes, listLanes } from './lanes-service';
import { listModels } from './models-service';
import { checkPolicy } from './policy-service';
import { reloadProfile } from './profile-service';

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
  };
}
