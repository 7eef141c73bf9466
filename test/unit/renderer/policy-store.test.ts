import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HomelaneClient, PolicyActive, Result } from '../../../src-main/contract';
import { exportSubjectOf } from '../../../src-renderer/src/pages/policy/export-subject';
import { editedProblems } from '../../../src-renderer/src/pages/policy/policy-problems';
import {
  editedOf,
  isDirty,
  usePolicyStore,
} from '../../../src-renderer/src/pages/policy/policy-store';

// The policy editor's state: which side leads, the other side following it
// through the core's conversion, answers that arrive late, apply and import.
// The client is a hand-made one answering from a table, with calls that can
// be held back to finish out of order.

const ACTIVE: PolicyActive = {
  profile: { name: 'balance', source: '/profiles/balance.yaml' },
  yaml: 'version: v0.3\nrouting: {}\n',
  dsl: 'ROUTE a {\n  PRIORITY 1\n}\n',
  dslProblems: [],
  appliedAt: null,
};

const ERROR = {
  severity: 'error' as const,
  code: 'syntax_error',
  message: 'PRIORITY takes a whole number',
  line: 2,
  column: 12,
};

interface Call {
  method: string;
  input: unknown;
  answer(result: Result<unknown>): void;
}

function heldClient(): { client: HomelaneClient; calls: Call[] } {
  const calls: Call[] = [];
  const client: HomelaneClient = {
    transport: 'http',
    subscribe: () => () => undefined,
    call: (method, input) =>
      new Promise((resolve) => {
        calls.push({ method, input, answer: (result) => resolve(result as never) });
      }),
  };
  return { client, calls };
}

const ok = <T>(data: T): Result<T> => ({ ok: true, data });

async function loaded(): Promise<{ client: HomelaneClient; calls: Call[] }> {
  const held = heldClient();
  const loading = usePolicyStore.getState().loadActive(held.client);
  held.calls.shift()!.answer(ok(ACTIVE));
  await loading;
  return held;
}

beforeEach(() => {
  usePolicyStore.setState({
    load: { status: 'loading' },
    active: null,
    source: 'dsl',
    dsl: '',
    yaml: '',
    otherStale: false,
    check: null,
    conversion: { status: 'idle' },
    apply: { status: 'idle' },
    notice: null,
    reveal: null,
  });
});

describe('the policy editor store', () => {
  it('opens on the policy in force, DSL leading, with nothing changed', async () => {
    await loaded();
    const state = usePolicyStore.getState();
    expect(state.load.status).toBe('ready');
    expect(editedOf(state)).toEqual({ text: ACTIVE.dsl, format: 'dsl' });
    expect(state.yaml).toBe(ACTIVE.yaml);
    expect(isDirty(state)).toBe(false);
  });

  it('leads with YAML when the policy cannot be printed as DSL', async () => {
    const held = heldClient();
    const loading = usePolicyStore.getState().loadActive(held.client);
    held.calls[0]!.answer(ok({ ...ACTIVE, dsl: null, dslProblems: ['cannot print x'] }));
    await loading;
    const state = usePolicyStore.getState();
    expect(state.source).toBe('yaml');
    expect(state.otherStale).toBe(true);
    // Switching to a DSL that does not exist is refused.
    state.setSource('dsl');
    expect(usePolicyStore.getState().source).toBe('yaml');
  });

  it('fills the YAML side from the compiled DSL, and then allows editing YAML', async () => {
    const { client, calls } = await loaded();
    const store = usePolicyStore.getState();
    store.setDsl('ROUTE a {\n  PRIORITY 2\n}\n');
    expect(isDirty(usePolicyStore.getState())).toBe(true);
    const converting = store.convert(client);
    const call = calls.shift()!;
    expect(call.method).toBe('policy.compile');
    call.answer(ok({ yaml: 'version: v0.3\n# compiled\n', diagnostics: [], errorCount: 0 }));
    await converting;
    const state = usePolicyStore.getState();
    expect(state.yaml).toBe('version: v0.3\n# compiled\n');
    expect(editedProblems(state).diagnostics).toEqual([]);
    state.setSource('yaml');
    expect(usePolicyStore.getState().source).toBe('yaml');
  });

  it('keeps the last YAML but marks it out of date while the DSL has errors', async () => {
    const { client, calls } = await loaded();
    usePolicyStore.getState().setDsl('ROUTE a {\n  PRIORITY high\n}\n');
    const converting = usePolicyStore.getState().convert(client);
    calls.shift()!.answer(ok({ yaml: null, diagnostics: [ERROR], errorCount: 1 }));
    await converting;
    const state = usePolicyStore.getState();
    expect(state.yaml).toBe(ACTIVE.yaml);
    expect(state.otherStale).toBe(true);
    expect(editedProblems(state).diagnostics).toEqual([ERROR]);
    expect(exportSubjectOf(state)).toBeNull();
    state.setSource('yaml');
    expect(usePolicyStore.getState().source).toBe('dsl');
  });

  it('drops a conversion that answers for text typed over since', async () => {
    const { client, calls } = await loaded();
    usePolicyStore.getState().setDsl('first');
    const first = usePolicyStore.getState().convert(client);
    usePolicyStore.getState().setDsl('second');
    const second = usePolicyStore.getState().convert(client);
    const [old, fresh] = [calls.shift()!, calls.shift()!];
    fresh.answer(ok({ yaml: 'from: second\n', diagnostics: [], errorCount: 0 }));
    await second;
    old.answer(ok({ yaml: 'from: first\n', diagnostics: [], errorCount: 0 }));
    await first;
    expect(usePolicyStore.getState().yaml).toBe('from: second\n');
  });

  it('says the core could not convert, rather than claiming no problems', async () => {
    const { client, calls } = await loaded();
    usePolicyStore.getState().setDsl('edited');
    const converting = usePolicyStore.getState().convert(client);
    calls.shift()!.answer({ ok: false, error: { code: 'unavailable', message: 'not yet' } });
    await converting;
    const problems = editedProblems(usePolicyStore.getState());
    expect(problems.diagnostics).toBeNull();
    expect(problems.convertError?.code).toBe('unavailable');
  });

  it('applies the edited side with its note, then reloads the policy in force', async () => {
    const { client, calls } = await loaded();
    usePolicyStore.getState().setDsl('ROUTE a {\n  PRIORITY 2\n}\n');
    const applying = usePolicyStore.getState().applyEdit(client, '  cheaper  ');
    const apply = calls.shift()!;
    expect(apply.method).toBe('policy.apply');
    expect(apply.input).toEqual({
      text: 'ROUTE a {\n  PRIORITY 2\n}\n',
      format: 'dsl',
      note: 'cheaper',
    });
    const version = {
      id: 'active',
      name: 'balance',
      source: 'policy editor',
      appliedAt: '2026-01-01T00:00:00.000Z',
      note: 'cheaper',
      bytes: 10,
      active: true,
    };
    apply.answer(ok({ profile: ACTIVE.profile, version, previous: null }));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const reload = calls.shift()!;
    expect(reload.method).toBe('policy.active');
    reload.answer(ok({ ...ACTIVE, dsl: 'ROUTE a {\n  PRIORITY 2\n}\n' }));
    expect(await applying).toBe(true);
    const state = usePolicyStore.getState();
    expect(state.apply.status).toBe('done');
    expect(isDirty(state)).toBe(false);
  });

  it('imports YAML into the YAML side, which then leads', async () => {
    await loaded();
    usePolicyStore.getState().importText('version: v0.3\n', 'yaml', 'config.yaml');
    const state = usePolicyStore.getState();
    expect(editedOf(state)).toEqual({ text: 'version: v0.3\n', format: 'yaml' });
    expect(state.otherStale).toBe(true);
    expect(state.notice).toContain('config.yaml');
    expect(isDirty(state)).toBe(true);
  });
});
