import { describe, expect, it, vi } from 'vitest';
import { recorded } from '../../support/fake-electron';

vi.mock('electron', async () => import('../../support/fake-electron'));

describe('a second start of the app', () => {
  it('quits at once when another instance holds the lock: no window, no core', async () => {
    recorded.singleInstanceLock = false;
    recorded.forkCore = () => {
      throw new Error('a second instance must not start a core');
    };
    await import('../../../src-main/electron/main');
    await new Promise((done) => setTimeout(done, 20));
    expect(recorded.quitCalls).toBe(1);
    expect(recorded.windows).toEqual([]);
    expect(recorded.forks).toEqual([]);
    expect(recorded.trays).toEqual([]);
  });
});
