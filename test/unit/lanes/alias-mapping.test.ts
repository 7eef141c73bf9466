import { describe, expect, it } from 'vitest';
import {
  matchModelId,
  suggestAliasMapping,
  validateAliasMapping,
} from '../../../src-main/core/lanes/alias-mapping';

describe('matchModelId', () => {
  it('prefers the exact id over one that differs in case', () => {
    expect(matchModelId('qwen', ['Qwen', 'qwen'])).toBe('qwen');
  });

  it('matches ignoring case when exactly one id does', () => {
    expect(matchModelId('qwen3.5-rocm', ['Qwen3.5-ROCm', 'gemma'])).toBe('Qwen3.5-ROCm');
  });

  it('matches on the last path segment, in both directions', () => {
    expect(matchModelId('qwen3.5-rocm', ['qwen/qwen3.5-rocm', 'gemma'])).toBe('qwen/qwen3.5-rocm');
    expect(matchModelId('qwen/qwen3.5-rocm', ['qwen3.5-rocm', 'gemma'])).toBe('qwen3.5-rocm');
    expect(matchModelId('Org/Qwen3.5-ROCm', ['other/qwen3.5-rocm'])).toBe('other/qwen3.5-rocm');
  });

  it('does not guess between two candidates', () => {
    expect(matchModelId('QWEN', ['Qwen', 'qwen'])).toBeUndefined();
    expect(matchModelId('qwen3', ['a/qwen3', 'b/qwen3'])).toBeUndefined();
  });

  it('leaves names without a match unmatched', () => {
    expect(matchModelId('llama', ['qwen/qwen3', 'gemma'])).toBeUndefined();
    expect(matchModelId('qwen', [])).toBeUndefined();
  });
});

describe('suggestAliasMapping', () => {
  it('maps each alias it can and leaves the others out', () => {
    const ids = ['qwen/qwen3.5-rocm', 'Gemma-3-4B', 'phi-4'];
    expect(suggestAliasMapping(['phi-4', 'gemma-3-4b', 'qwen3.5-rocm', 'llama'], ids)).toEqual({
      'phi-4': 'phi-4',
      'gemma-3-4b': 'Gemma-3-4B',
      'qwen3.5-rocm': 'qwen/qwen3.5-rocm',
    });
  });

  it('lets two aliases share a model and is safe with any alias text', () => {
    const mapping = suggestAliasMapping(['a/m', 'b/m', '__proto__'], ['m', '__proto__']);
    expect(mapping).toEqual({ 'a/m': 'm', 'b/m': 'm', ['__proto__']: '__proto__' });
    expect(Object.keys(mapping)).toEqual(['a/m', 'b/m', '__proto__']);
  });
});

describe('validateAliasMapping', () => {
  const ids = ['qwen/qwen3.5-rocm', 'gemma-3-4b'];

  it('finds nothing wrong when every id is served', () => {
    expect(validateAliasMapping({ fast: 'gemma-3-4b', smart: 'qwen/qwen3.5-rocm' }, ids)).toEqual(
      [],
    );
  });

  it('locates each id the server does not serve, with a suggestion when one is clear', () => {
    const problems = validateAliasMapping(
      { fast: 'gemma-3-4b', smart: 'Qwen3.5-ROCm', big: 'llama-70b', none: ' ' },
      ids,
    );
    expect(problems).toEqual([
      {
        code: 'model_not_served',
        alias: 'smart',
        modelId: 'Qwen3.5-ROCm',
        suggestion: 'qwen/qwen3.5-rocm',
        message:
          'Alias "smart" maps to "Qwen3.5-ROCm", which the server does not serve; did you mean "qwen/qwen3.5-rocm"?',
      },
      {
        code: 'model_not_served',
        alias: 'big',
        modelId: 'llama-70b',
        message:
          'Alias "big" maps to "llama-70b", which the server does not serve (it serves "qwen/qwen3.5-rocm", "gemma-3-4b")',
      },
      {
        code: 'empty_model',
        alias: 'none',
        modelId: ' ',
        message:
          'Alias "none" maps to no model; pick one the server serves (it serves "qwen/qwen3.5-rocm", "gemma-3-4b")',
      },
    ]);
  });

  it('falls back on the alias itself for a suggestion, and says when nothing is served', () => {
    const [viaAlias] = validateAliasMapping({ 'gemma-3-4b': 'gone' }, ids);
    expect(viaAlias?.suggestion).toBe('gemma-3-4b');
    const [empty] = validateAliasMapping({ fast: 'gemma' }, []);
    expect(empty?.message).toContain('it serves no models');
  });

  it('shortens a long list of served ids', () => {
    const many = Array.from({ length: 8 }, (_, i) => `model-${i}`);
    const [problem] = validateAliasMapping({ x: 'other' }, many);
    expect(problem?.message).toContain('"model-4" and 3 more');
    expect(problem?.message).not.toContain('model-5');
  });
});
