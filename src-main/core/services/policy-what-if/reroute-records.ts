import type { PolicyWhatIf, WhatIfChange, WhatIfRoute } from '../../../contract/policy-what-if';
import { WHAT_IF_MAX_CHANGES } from '../../../contract/policy-what-if';
import type { RouterConfig } from '../../config/router-config';
import type { LaneHealthState } from '../../lanes/health-events';
import type { CloudEscalation } from '../../privacy/egress-guard';
import type { Lane } from '../../lanes/lane-registry';
import { firstAllowedLane } from '../../privacy/guarded-plan';
import { routePrivately } from '../../privacy/route-privately';
import type { RoutingRecord } from '../../replay/record-types';
import { RoutingError } from '../../router/resolve-route';
import type { Router } from '../../router/router';
import { UNROUTED, afterRoute, beforeRoute, changedFields, leavesMachine } from './compare-routes';
import { CostSums, estimateCost, usageOf } from './run-cost';
import { RunPrivacy } from './run-privacy';
import type { ConversationSwitches } from './run-privacy';
import { storedRequestOf } from './stored-request';

// The what-if run: every stored request, oldest first (so a conversation's
// earlier private turns taint its later ones, as they did live), routed
// again by the edited policy's router under the privacy layer, compared with
// what happened and summed up. No lane is called and nothing is recorded.
// The event loop gets a turn between batches.

export const WHAT_IF_BATCH = 50;
/** How much of the stored prompt a listed change shows. */
export const PROMPT_START_CHARS = 160;

export interface RerouteDeps {
  /** The router of the edited policy. */
  router: Router;
  /** The policy in force, for the cost of a request that recorded none. */
  active: RouterConfig;
  lanes: readonly Lane[];
  healthOf?: (laneId: string) => LaneHealthState | undefined;
  cloudEscalation: CloudEscalation;
  switchesOf: (conversationId: string) => ConversationSwitches | undefined;
  /** Lets other work run; called between batches. */
  pause?: () => Promise<void>;
}

export type WhatIfTally = Omit<PolicyWhatIf, 'durationMs'>;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `records` newest first, as the store lists them. */
export async function rerouteRecords(
  deps: RerouteDeps,
  records: readonly RoutingRecord[],
): Promise<WhatIfTally> {
  const edited = deps.router.config;
  const privacy = new RunPrivacy(deps.cloudEscalation, deps.switchesOf);
  const costs = new CostSums(edited);
  const pause = deps.pause ?? nextTurn;
  const tally: WhatIfTally = {
    considered: records.length,
    rerouted: 0,
    skipped: 0,
    changed: 0,
    decisionChanges: 0,
    laneChanges: 0,
    newlyLeaving: 0,
    offMachine: 0,
    privateOffMachine: 0,
    truncated: 0,
    cost: { before: 0, after: 0, baseline: null, currency: null },
    changes: [],
    changesTruncated: false,
  };
  const changes: WhatIfChange[] = [];
  for (let index = records.length - 1, done = 0; index >= 0; index--, done++) {
    if (done > 0 && done % WHAT_IF_BATCH === 0) await pause();
    const record = records[index] as RoutingRecord;
    const stored = storedRequestOf(record);
    if (!stored.routable) {
      tally.skipped += 1;
      continue;
    }
    tally.rerouted += 1;
    if (stored.truncated) tally.truncated += 1;
    const usage = usageOf(record);
    const before = beforeRoute(
      record,
      record.actual_cost ?? estimateCost(deps.active, record.selected_model, usage),
    );
    let after: WhatIfRoute = UNROUTED;
    let isPrivate = record.private;
    try {
      const { trace, plan } = await routePrivately(
        {
          router: deps.router,
          lanes: deps.lanes,
          privacy: privacy.settingsFor(record),
          ...(deps.healthOf ? { healthOf: deps.healthOf } : {}),
        },
        stored.request,
      );
      privacy.routed(record, trace);
      const lane = firstAllowedLane(plan);
      after = afterRoute(trace, lane, estimateCost(edited, lane?.alias ?? trace.model, usage));
      isPrivate ||= trace.private;
    } catch (error) {
      // A request the edit cannot route (e.g. its model name is gone) would fail: it goes nowhere.
      if (!(error instanceof RoutingError)) throw error;
    }
    costs.add(before.cost, after.cost, usage, record.currency);
    const leaves = leavesMachine(before, after);
    if (after.locality === 'cloud') {
      tally.offMachine += 1;
      if (isPrivate) tally.privateOffMachine += 1;
    }
    if (leaves) tally.newlyLeaving += 1;
    const changed = changedFields(before, after);
    if (changed.length === 0) continue;
    tally.changed += 1;
    if (changed.includes('decision')) tally.decisionChanges += 1;
    if (changed.includes('lane')) tally.laneChanges += 1;
    changes.push({
      id: record.id,
      createdAt: record.created_at,
      prompt: record.prompt.slice(0, PROMPT_START_CHARS),
      private: isPrivate,
      before,
      after,
      changed,
      truncated: stored.truncated,
      leaves,
    });
  }
  // Found oldest first; listed newest first.
  changes.reverse();
  tally.changes = changes.slice(0, WHAT_IF_MAX_CHANGES);
  tally.changesTruncated = changes.length > WHAT_IF_MAX_CHANGES;
  tally.cost = costs.totals();
  return tally;
}
