// A writer process for the crash test: opens the database with the
// production code and inserts routing records one transaction at a time,
// printing each id on stdout only after its commit returned. The test kills
// it with SIGKILL mid-stream. Run: node --import tsx test/support/record-writer.ts DB
import { loadConfigText } from '../../src-main/core/config/load';
import type { RouterConfig } from '../../src-main/core/config/router-config';
import { newRecord } from '../../src-main/core/replay/record-builder';
import { RecordStore } from '../../src-main/core/replay/record-store';
import { REPLAY_DEFAULTS } from '../../src-main/core/replay/replay-settings';
import { Router } from '../../src-main/core/router/router';
import { openDatabase } from '../../src-main/core/store/database';

const file = process.argv[2];
if (!file) throw new Error('usage: record-writer.ts DB');
const db = openDatabase(file);
const store = new RecordStore(db);
const router = await Router.create(
  loadConfigText('version: v0.3\nrouting:\n  decisions: []\n', 'w.yaml').config as RouterConfig,
);
const trace = await router.route({ text: 'crash test prompt with some words in it' });
for (let i = 0; ; i++) {
  const record = newRecord(trace, {
    body: { i },
    streaming: false,
    routingMs: 0,
    settings: REPLAY_DEFAULTS,
    now: new Date(Date.UTC(2026, 10, 25) + i),
  });
  store.insert(record);
  process.stdout.write(`${record.id}\n`);
}
