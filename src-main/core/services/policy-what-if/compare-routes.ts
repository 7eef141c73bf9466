import type { WhatIfChange, WhatIfRoute } from '../../../contract/policy-what-if';
import type { Lane } from '../../lanes/lane-registry';
import type { RoutingRecord } from '../../replay/record-types';
import type { RoutingTrace } from '../../router/trace';

// One request before (what happened, as recorded) and after (where the edit
// would send it: its decision and model, and the first lane the egress guard
// lets it try), and what differs between the two.

type ChangedField = WhatIfChange['changed'][number];

/** Where the stored request went. */
export function beforeRoute(
  record: Pick<RoutingRecord, 'decision' | 'selected_model' | 'lane_id' | 'locality'>,
  cost: number | null,
): WhatIfRoute {
  return {
    decision: record.decision,
    model: record.selected_model,
    lane: record.lane_id,
    locality: record.locality,
    cost,
  };
}

/** Where the edit would send it; `lane` is the first lane the guarded plan would try. */
export function afterRoute(
  trace: Pick<RoutingTrace, 'decision' | 'model'>,
  lane: Pick<Lane, 'id' | 'locality'> | undefined,
  cost: number | null,
): WhatIfRoute {
  return {
    decision: trace.decision,
    model: trace.model,
    lane: lane?.id ?? null,
    locality: lane?.locality ?? null,
    cost,
  };
}

/** Where a request that the edit cannot route would end: nowhere. */
export const UNROUTED: WhatIfRoute = {
  decision: null,
  model: null,
  lane: null,
  locality: null,
  cost: null,
};

/**
 * What differs. A lane or locality is compared only when the stored request
 * reached one: a request that failed before any lane answered says nothing
 * about where the policy sent it.
 */
export function changedFields(before: WhatIfRoute, after: WhatIfRoute): ChangedField[] {
  const changed: ChangedField[] = [];
  if (before.decision !== after.decision) changed.push('decision');
  if (before.model !== after.model) changed.push('model');
  if (before.lane !== null && before.lane !== after.lane) changed.push('lane');
  if (before.locality !== null && before.locality !== after.locality) changed.push('locality');
  return changed;
}

/** It would go to a cloud lane under the edit, and did not before. */
export function leavesMachine(before: WhatIfRoute, after: WhatIfRoute): boolean {
  return after.locality === 'cloud' && before.locality !== 'cloud';
}
