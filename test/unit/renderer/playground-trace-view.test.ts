import { describe, expect, it } from 'vitest';
import {
  decisionRows,
  mappingRows,
  scoreRows,
  signalRows,
} from '../../../src-renderer/src/pages/playground/trace-view';

// The Playground's reading of a routing trace, on hand-made traces.

const leaf = (type: string, name: string, extra: object = {}) => ({
  node_type: 'leaf',
  signal_type: type,
  signal_name: name,
  matched: false,
  confidence: 0,
  ...extra,
});

function trace(decisions: object[], winner: string | null) {
  return { decision: winner, decisions };
}

describe('decisionRows', () => {
  it('puts the winner first and says why each other match lost, by tier when tiered', () => {
    const rows = decisionRows(
      trace(
        [
          {
            name: 'casual',
            matched: true,
            confidence: 1,
            tier: 9,
            priority: 10,
            root: leaf('keyword', 'x'),
          },
          {
            name: 'code',
            matched: true,
            confidence: 0.8,
            tier: 2,
            priority: 50,
            root: leaf('keyword', 'y'),
          },
          {
            name: 'legal',
            matched: false,
            confidence: 0,
            tier: 1,
            priority: 90,
            root: leaf('keyword', 'z'),
          },
        ],
        'code',
      ),
    );
    expect(rows.map((row) => [row.name, row.winner])).toEqual([
      ['code', true],
      ['casual', false],
      ['legal', false],
    ]);
    expect(rows[0]?.why).toBe('won over 1 other match');
    expect(rows[1]?.why).toBe('matched, but lost to code: tier 9 comes after tier 2');
    expect(rows[2]?.why).toBe('its rules did not match');
  });

  it('names confidence and priority when no decision is tiered', () => {
    const rows = decisionRows(
      trace(
        [
          {
            name: 'a',
            matched: true,
            confidence: 0.9,
            tier: 0,
            priority: 10,
            root: leaf('k', 'a'),
          },
          {
            name: 'b',
            matched: true,
            confidence: 0.6,
            tier: 0,
            priority: 20,
            root: leaf('k', 'b'),
          },
          {
            name: 'c',
            matched: true,
            confidence: 0.9,
            tier: 0,
            priority: 10,
            root: leaf('k', 'c'),
          },
        ],
        'a',
      ),
    );
    expect(rows.find((row) => row.name === 'b')?.why).toBe(
      'matched, but lost to a: confidence 60% vs 90%; priority 20 vs 10',
    );
    expect(rows.find((row) => row.name === 'c')?.why).toBe(
      'matched, but lost to a: a tie, broken by name',
    );
    expect(rows[0]?.why).toBe('won over 2 other matches');
  });

  it('names the signal types an unmatched decision reads that could not run here', () => {
    const root = {
      node_type: 'AND',
      matched: false,
      confidence: 0,
      children: [
        leaf('domain', 'law', { unavailable: true }),
        leaf('embedding', 'legal', { unavailable: true }),
        leaf('domain', 'tax', { unavailable: true }),
        leaf('keyword', 'contract'),
      ],
    };
    const [row] = decisionRows(
      trace([{ name: 'legal', matched: false, confidence: 0, tier: 1, priority: 1, root }], null),
    );
    expect(row?.why).toBe(
      'its rules did not match; it reads domain, embedding, not evaluated here',
    );
  });
});

describe('signals and projections', () => {
  it('lists matched signals with their confidences where the trace has one', () => {
    expect(
      signalRows({
        matched_signals: { structure: ['dense'], keyword: ['code'], domain: [] },
        signal_confidences: { 'structure:dense': 0.55, 'structure:other': 0 },
      }),
    ).toEqual([
      { type: 'keyword', name: 'code', confidence: null },
      { type: 'structure', name: 'dense', confidence: 0.55 },
    ]);
  });

  it('reads scores with their inputs and the band each mapping picked', () => {
    const projections = {
      scores: [
        {
          name: 'difficulty',
          total: 0.4,
          inputs: [{ type: 'keyword', name: 'code', weight: 0.5, value: 0.8, contribution: 0.4 }],
        },
      ],
      mappings: [
        {
          mapping_name: 'bands',
          source_score: 'difficulty',
          score_value: 0.4,
          selected_output: 'medium',
          confidence: 0.7,
          boundary_distance: 0.1,
          outputs: [
            { name: 'easy', matched: false, boundary_distance: 0.1 },
            { name: 'medium', matched: true, boundary_distance: 0.1 },
          ],
        },
      ],
    };
    expect(scoreRows({ projections })).toEqual([
      {
        name: 'difficulty',
        total: 0.4,
        inputs: [{ label: 'keyword:code', weight: 0.5, value: 0.8, contribution: 0.4 }],
      },
    ]);
    expect(mappingRows({ projections })).toEqual([
      {
        name: 'bands',
        source: 'difficulty',
        value: 0.4,
        band: 'medium',
        confidence: 0.7,
        outputs: [
          { name: 'easy', matched: false },
          { name: 'medium', matched: true },
        ],
      },
    ]);
    expect(scoreRows({})).toEqual([]);
  });
});
