import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src-main/core/privacy/memory-store';
import { bareServiceContext } from '../../../src-main/core/services/create-context';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { createHandlers } from '../../../src-main/core/services/handlers';
import { appContext } from './app-context-fixture';
import type { AppContextFixture } from './app-context-fixture';

let app: AppContextFixture;
let store: MemoryStore;
beforeAll(async () => {
  app = await appContext();
  store = new MemoryStore(app.context.chat!.database);
});
afterAll(() => app.close());

describe('memory.list / memory.update / memory.forget', () => {
  it('lists the remembered facts in order, with where they were said', async () => {
    store.add('my dog is called Pixel');
    store.add('I live in Ghent', 'conv-1');
    const result = await dispatch(app.handlers, 'memory.list', {});
    expect(result.ok).toBe(true);
    const facts = (result.ok ? result.data : { facts: [] }) as {
      facts: { id: number; fact: string; conversationId: string | null }[];
    };
    expect(facts.facts.map((fact) => [fact.fact, fact.conversationId])).toEqual([
      ['my dog is called Pixel', null],
      ['I live in Ghent', 'conv-1'],
    ]);
  });

  it('corrects a fact in place, trimmed, keeping its id and date', async () => {
    const [first] = store.list();
    const result = await dispatch(app.handlers, 'memory.update', {
      id: first!.id,
      fact: '  my dog is called Pixel, a beagle  ',
    });
    expect(result).toEqual({
      ok: true,
      data: { fact: { ...first, fact: 'my dog is called Pixel, a beagle' } },
    });
    expect(store.list()[0]?.fact).toBe('my dog is called Pixel, a beagle');
  });

  it('refuses an empty or too long fact and an unknown id, changing nothing', async () => {
    const before = store.list();
    const id = before[0]!.id;
    const empty = await dispatch(app.handlers, 'memory.update', { id, fact: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const long = await dispatch(app.handlers, 'memory.update', { id, fact: 'x'.repeat(2001) });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await dispatch(app.handlers, 'memory.update', { id: 9999, fact: 'hello' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(store.list()).toEqual(before);
  });

  it('forgets a fact for good', async () => {
    const [first, second] = store.list();
    expect(await dispatch(app.handlers, 'memory.forget', { id: first!.id })).toEqual({
      ok: true,
      data: { id: first!.id },
    });
    expect(store.list().map((fact) => fact.id)).toEqual([second!.id]);
    const again = await dispatch(app.handlers, 'memory.forget', { id: first!.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('says why without a database', async () => {
    const handlers = createHandlers(bareServiceContext('server', '/nowhere'));
    expect(await dispatch(handlers, 'memory.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
