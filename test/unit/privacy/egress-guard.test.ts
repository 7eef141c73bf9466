import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../../src-main/core/lanes/fallback';
import type { Lane } from '../../../src-main/core/lanes/lane-registry';
import { egressGuard } from '../../../src-main/core/privacy/egress-guard';
import type { CloudEscalation } from '../../../src-main/core/privacy/egress-guard';
import type { RoutingTrace } from '../../../src-main/core/router/trace';

function candidate(locality: Lane['locality']): Candidate {
  const lane = {
    id: `m_${locality}`,
    alias: 'm',
    origin: 'config',
    upstreamModelId: 'm',
    apiFormat: 'openai',
    protocol: 'http',
    weight: 1,
    type: 'vllm',
    locality,
    localitySource: 'config',
  } as Lane;
  return { lane, target: { alias: 'm', source: 'selected', trace: {} as RoutingTrace } };
}

const ALL: CloudEscalation[] = ['never', 'allow', 'ask'];

describe('the egress guard', () => {
  it('always lets requests reach local and LAN lanes', () => {
    for (const cloudEscalation of ALL) {
      for (const isPrivate of [true, false]) {
        const guard = egressGuard({ private: isPrivate, cloudEscalation });
        expect(guard(candidate('local')).allowed).toBe(true);
        expect(guard(candidate('lan')).allowed).toBe(true);
      }
    }
  });

  it('never lets a private request reach a cloud lane, whatever the escalation setting', () => {
    for (const cloudEscalation of ALL) {
      const verdict = egressGuard({ private: true, cloudEscalation })(candidate('cloud'));
      expect(verdict).toMatchObject({ allowed: false, code: 'private_request' });
    }
  });

  it('lets the person`s per-conversation override through, still under the escalation setting', () => {
    expect(
      egressGuard({ private: true, cloudEscalation: 'allow', privateOverride: true })(
        candidate('cloud'),
      ),
    ).toEqual({ allowed: true });
    expect(
      egressGuard({ private: true, cloudEscalation: 'never', privateOverride: true })(
        candidate('cloud'),
      ),
    ).toMatchObject({ allowed: false, code: 'cloud_escalation_off' });
  });

  it('follows the escalation setting for requests that are not private', () => {
    const verdicts = ALL.map((cloudEscalation) =>
      egressGuard({ private: false, cloudEscalation })(candidate('cloud')),
    );
    expect(verdicts).toEqual([
      expect.objectContaining({ allowed: false, code: 'cloud_escalation_off' }),
      { allowed: true },
      expect.objectContaining({ allowed: false, code: 'needs_confirmation' }),
    ]);
  });
});
