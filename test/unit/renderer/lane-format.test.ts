import { describe, expect, it } from 'vitest';
import { remedyFor } from '../../../src-renderer/src/pages/lanes/lane-format';

describe('what to do about a failing lane', () => {
  it("points at 'homelane lanes up' when the policy's managed-container address cannot be reached", () => {
    expect(
      remedyFor({ baseUrl: 'http://vllm:8000/v1', origin: 'config' }, 'unreachable'),
    ).toContain('homelane lanes up');
  });

  it('says nothing it does not know: other hosts, other errors, lanes without an address', () => {
    expect(
      remedyFor({ baseUrl: 'http://box.lan:8000/v1', origin: 'config' }, 'unreachable'),
    ).toBeNull();
    expect(remedyFor({ baseUrl: 'http://vllm:8000/v1', origin: 'config' }, 'http_500')).toBeNull();
    expect(remedyFor({ baseUrl: 'http://vllm:8000/v1', origin: 'lan' }, 'unreachable')).toBeNull();
    expect(remedyFor({ baseUrl: null, origin: 'config' }, 'unreachable')).toBeNull();
  });
});
