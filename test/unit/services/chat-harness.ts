import { join } from 'node:path';
import type { EventEnvelope } from '../../../src-main/contract';
import { loadConfigText } from '../../../src-main/core/config/load';
import { DEFAULT_CONNECT_SETTINGS, connectLanes } from '../../../src-main/core/lanes/lane-connect';
import { assembleLanes } from '../../../src-main/core/lanes/lane-set';
import type { CloudEscalation } from '../../../src-main/core/privacy/egress-guard';
import { Router } from '../../../src-main/core/router/router';
import { ChatService } from '../../../src-main/core/services/chat/chat-service';
import { bareServiceContext } from '../../../src-main/core/services/create-context';
import { EventBus } from '../../../src-main/core/services/event-bus';
import { createHandlers } from '../../../src-main/core/services/handlers';
import type { ServiceHandlers } from '../../../src-main/core/services/handlers';
import { RoutingRuntime } from '../../../src-main/core/services/routing-runtime';
import { makeTempDir } from '../../support/temp-dir';

// A running chat service on a policy given as text, with its events kept
// and the contract's handlers on top: what the conversation-edit and
// regenerate tests drive through the dispatcher.

export interface ChatHarness {
  dataDir: string;
  service: ChatService;
  handlers: ServiceHandlers;
  seen: EventEnvelope[];
  ofTurn(turnId: string): EventEnvelope[];
  ended(turnId: string): Promise<EventEnvelope>;
  firstToken(turnId: string): Promise<void>;
  close(): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function chatHarness(
  policy: string,
  cloudEscalation: CloudEscalation = 'allow',
): Promise<ChatHarness> {
  const temp = makeTempDir('homelane-chat-harness-');
  const dataDir = join(temp.dir, 'data');
  const loaded = loadConfigText(policy, 'policy.yaml');
  if (!loaded.config) throw new Error(JSON.stringify(loaded.diagnostics));
  const config = loaded.config;
  const router = await Router.create(config);
  const lanes = assembleLanes(config, { managed: [], lan: [] });
  const clientFor = await connectLanes(lanes, DEFAULT_CONNECT_SETTINGS);
  const events = new EventBus();
  const seen: EventEnvelope[] = [];
  events.subscribe((envelope) => seen.push(envelope));
  const service = ChatService.open({
    dataDir,
    routing: new RoutingRuntime(
      dataDir,
      { config, info: { name: 'harness', source: 'chat-harness' } },
      () => Promise.resolve({ router, release: () => Promise.resolve() }),
    ),
    laneSet: () => ({ lanes, clientFor, healthOf: () => undefined }),
    events,
    cloudEscalation,
  });
  const handlers = createHandlers({
    ...bareServiceContext('server', dataDir),
    cloudEscalation,
    chat: service,
  });
  const ofTurn = (turnId: string) =>
    seen.filter((envelope) => (envelope.payload as { turnId?: string }).turnId === turnId);
  return {
    dataDir,
    service,
    handlers,
    seen,
    ofTurn,
    async ended(turnId) {
      for (let waited = 0; waited < 10_000; waited += 10) {
        const end = ofTurn(turnId).find(
          (envelope) => envelope.name === 'chat.done' || envelope.name === 'chat.error',
        );
        // Let the turn's own bookkeeping (the running set) settle after its last event.
        if (end) return pause(5).then(() => end);
        await pause(10);
      }
      throw new Error(`turn ${turnId} did not end`);
    },
    async firstToken(turnId) {
      for (let waited = 0; waited < 10_000; waited += 10) {
        if (ofTurn(turnId).some((envelope) => envelope.name === 'chat.token')) return;
        await pause(10);
      }
      throw new Error(`turn ${turnId} streamed nothing`);
    },
    async close() {
      await service.close();
      temp.cleanup();
    },
  };
}

/** The stand-in as the only lane, a cloud one: nothing local could answer instead. */
export function cloudOnlyPolicy(url: string): string {
  return `version: v0.3
providers:
  defaults: { default_model: cloud/big }
  models:
    - name: cloud/big
      provider_model_id: stand-in-large
      locality: cloud
      pricing: { currency: USD, prompt_per_1m: 2, completion_per_1m: 8 }
      backend_refs: [{ name: api, base_url: ${url}/v1 }]
routing:
  decisions: []
`;
}
