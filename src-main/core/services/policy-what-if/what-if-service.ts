import { ApiError } from '../../../contract';
import type { ParsedInput, PolicyWhatIf } from '../../../contract';
import { WHAT_IF_MAX_RECORDS } from '../../../contract/policy-what-if';
import { TaintStore } from '../../privacy/taint-store';
import { RecordStore } from '../../replay/record-store';
import type { RoutingRecord } from '../../replay/record-types';
import { buildAppRouter } from '../chat/chat-router';
import type { ServiceContext } from '../context';
import { editedDiagnostics, invalidPolicy } from '../policy-edit/edited-diagnostics';
import { activePolicyText, resolveEditedPolicy } from '../policy-edit/edited-policy';
import { openRecordsDatabase } from '../replay-list-service';
import { rerouteRecords } from './reroute-records';
import type { ConversationSwitches } from './run-privacy';

// `policy.whatIf`: the stored requests routed again under an edited policy,
// with a router built for it as the app builds one (the routing models that
// are installed, or none), freed when the run ends. Runs one at a time, so
// at most one extra router's models are loaded. Reads only.

export const WHAT_IF_DEFAULT_LIMIT = 1000;
const PAGE = 200;

let running: Promise<unknown> = Promise.resolve();

export function policyWhatIf(
  ctx: ServiceContext,
  input: ParsedInput<'policy.whatIf'>,
): Promise<PolicyWhatIf> {
  const run = running.then(
    () => whatIfOnce(ctx, input),
    () => whatIfOnce(ctx, input),
  );
  running = run.catch(() => undefined);
  return run;
}

async function whatIfOnce(
  ctx: ServiceContext,
  input: ParsedInput<'policy.whatIf'>,
): Promise<PolicyWhatIf> {
  const started = performance.now();
  const routing = ctx.routing;
  const edited = resolveEditedPolicy(input.text, input.format, activePolicyText(routing));
  if (!edited.config || !routing) {
    throw invalidPolicy(
      editedDiagnostics(edited.diagnostics, input.format),
      'nothing was routed again',
    );
  }
  const db = openRecordsDatabase(ctx);
  const records = await newestRecords(
    RecordStore.of(db),
    Math.min(input.limit ?? WHAT_IF_DEFAULT_LIMIT, WHAT_IF_MAX_RECORDS),
    input.since,
  );
  const taints = new TaintStore(db);
  const switches = new Map<string, ConversationSwitches>();
  const lanes = ctx.lanes?.laneSet();
  const app = await buildAppRouter(ctx.dataDir, edited.config);
  try {
    const tally = await rerouteRecords(
      {
        router: app.router,
        active: routing.profile.config,
        lanes: lanes?.lanes ?? [],
        ...(lanes ? { healthOf: lanes.healthOf } : {}),
        cloudEscalation: ctx.cloudEscalation,
        switchesOf: (id) => {
          let known = switches.get(id);
          if (!known) {
            const stored = taints.get(id);
            known = { keepLocal: stored.keepLocal, privateOverride: stored.privateOverride };
            switches.set(id, known);
          }
          return known;
        },
      },
      records,
    );
    return { ...tally, durationMs: performance.now() - started };
  } finally {
    await app.release();
  }
}

/** The newest `limit` records (at or after `since`), newest first, a page per turn. */
async function newestRecords(
  store: RecordStore,
  limit: number,
  since: string | undefined,
): Promise<RoutingRecord[]> {
  if (since !== undefined && !Number.isFinite(Date.parse(since)))
    throw new ApiError('invalid_input', 'The start of the time range is not a time.');
  const records: RoutingRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = store.list(since !== undefined ? { from: since } : {}, {
      limit: Math.min(PAGE, limit - records.length),
      ...(cursor ? { cursor } : {}),
    });
    records.push(...page.records);
    cursor = page.next_cursor;
    if (cursor !== null) await new Promise<void>((resolve) => setImmediate(resolve));
  } while (cursor !== null && records.length < limit);
  return records;
}
