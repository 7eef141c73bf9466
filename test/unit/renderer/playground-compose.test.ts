import { describe, expect, it } from 'vitest';
import { canRoute, nextRole } from '../../../src-renderer/src/pages/playground/playground-store';

describe('the Playground composer', () => {
  it('alternates roles as turns are added', () => {
    expect(nextRole([])).toBe('user');
    expect(nextRole([{ role: 'user', content: 'hi' }])).toBe('assistant');
    expect(nextRole([{ role: 'system', content: 'be brief' }])).toBe('user');
  });

  it('routes only when there is a prompt, or a user turn with text', () => {
    expect(canRoute('prompt', '  ', [])).toBe(false);
    expect(canRoute('prompt', 'hello', [])).toBe(true);
    expect(canRoute('conversation', '', [{ role: 'assistant', content: 'hi' }])).toBe(false);
    expect(canRoute('conversation', '', [{ role: 'user', content: ' ' }])).toBe(false);
    expect(canRoute('conversation', '', [{ role: 'user', content: 'help' }])).toBe(true);
  });
});
