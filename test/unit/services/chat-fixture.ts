import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { DEFAULT_CONNECT_SETTINGS, connectLanes } from '../../../src-main/core/lanes/lane-connect';
import type { LaneClient } from '../../../src-main/core/lanes/lane-client';
import type { Lane } from '../../../src-main/core/lanes/lane-registry';
import { assembleLanes } from '../../../src-main/core/lanes/lane-set';
import { Router } from '../../../src-main/core/router/router';
import type { ChatTurnDeps } from '../../../src-main/core/services/chat/chat-turn';
import type { ChatTurnEvent } from '../../../src-main/core/services/chat/turn-events';
import { databasePath, openDatabase } from '../../../src-main/core/store/database';
import { pricedStandInPolicy } from '../../support/priced-policy';
import { makeTempDir } from '../../support/temp-dir';

// What the chat tests share: a data folder with the production database, the
// priced stand-in policy (two aliases, both answered by the stand-in LLM) and
// its lanes, connected for real.

export interface ChatFixture {
  dataDir: string;
  db: Database.Database;
  config: RouterConfig;
  router: Router;
  lanes: Lane[];
  clientFor: (lane: Lane) => LaneClient;
  deps(signal?: AbortSignal): ChatTurnDeps;
  cleanup(): void;
}

export function standInConfig(llmUrl: string): RouterConfig {
  const loaded = loadConfigText(pricedStandInPolicy(llmUrl), 'policy.yaml');
  if (!loaded.config) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.config;
}

export async function chatFixture(llmUrl: string): Promise<ChatFixture> {
  const temp = makeTempDir('homelane-chat-');
  const dataDir = join(temp.dir, 'data');
  const db = openDatabase(databasePath(dataDir));
  const config = standInConfig(llmUrl);
  const router = await Router.create(config);
  const lanes = assembleLanes(config, { managed: [], lan: [] });
  const clientFor = await connectLanes(lanes, DEFAULT_CONNECT_SETTINGS);
  return {
    dataDir,
    db,
    config,
    router,
    lanes,
    clientFor,
    deps: (signal) => ({
      db,
      router,
      lanes,
      clientFor,
      cloudEscalation: 'allow',
      ...(signal ? { signal } : {}),
    }),
    cleanup: () => {
      db.close();
      temp.cleanup();
    },
  };
}

/** Keeps every event of a turn, in order. */
export function eventLog(): { events: ChatTurnEvent[]; listener: (event: ChatTurnEvent) => void } {
  const events: ChatTurnEvent[] = [];
  return { events, listener: (event) => events.push(event) };
}

/** The events that end a turn; a turn has exactly one. */
export const endings = (events: readonly ChatTurnEvent[]) =>
  events.filter((event) => event.type === 'done' || event.type === 'error');
