import { describe, expect, it } from 'vitest';
import {
  UNROUTED,
  afterRoute,
  beforeRoute,
  changedFields,
  leavesMachine,
} from '../../../../src-main/core/services/policy-what-if/compare-routes';
import { sampleRecord } from '../../../support/sample-record';

const before = beforeRoute(
  sampleRecord({
    decision: 'code',
    selected_model: 'local/small',
    lane_id: 'local/small_box',
    locality: 'local',
  }),
  0.5,
);

describe('before and after', () => {
  it('takes what happened from the record', () => {
    expect(before).toEqual({
      decision: 'code',
      model: 'local/small',
      lane: 'local/small_box',
      locality: 'local',
      cost: 0.5,
    });
  });

  it('finds nothing changed for the same route, cost aside', () => {
    const after = afterRoute(
      { decision: 'code', model: 'local/small' },
      { id: 'local/small_box', locality: 'local' },
      9,
    );
    expect(changedFields(before, after)).toEqual([]);
    expect(leavesMachine(before, after)).toBe(false);
  });

  it('names each field that differs, and a move to the cloud leaves the machine', () => {
    const after = afterRoute(
      { decision: 'hard', model: 'cloud/big' },
      { id: 'cloud/big_api', locality: 'cloud' },
      1,
    );
    expect(changedFields(before, after)).toEqual(['decision', 'model', 'lane', 'locality']);
    expect(leavesMachine(before, after)).toBe(true);
    expect(leavesMachine({ ...before, locality: 'cloud' }, after)).toBe(false);
  });

  it('compares no lane a failed request never reached', () => {
    const failed = { ...before, lane: null };
    const after = afterRoute(
      { decision: 'code', model: 'local/small' },
      { id: 'local/small_rig', locality: 'local' },
      null,
    );
    expect(changedFields(failed, after)).toEqual([]);
    expect(changedFields(before, after)).toEqual(['lane']);
  });

  it('counts a request the edit cannot route as changed everywhere', () => {
    expect(changedFields(before, UNROUTED)).toEqual(['decision', 'model', 'lane', 'locality']);
    expect(leavesMachine(before, UNROUTED)).toBe(false);
  });
});
