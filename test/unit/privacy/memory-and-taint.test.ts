import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryError, MemoryStore } from '../../../src-main/core/privacy/memory-store';
import { memoryRecall, parseRememberRequest } from '../../../src-main/core/privacy/memory-recall';
import { TaintStore } from '../../../src-main/core/privacy/taint-store';
import { openDatabase } from '../../../src-main/core/store/database';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  temp = makeTempDir();
  file = join(temp.dir, 'homelane.db');
});
afterEach(() => temp.cleanup());

describe('conversation taint', () => {
  it('stays private once tainted, across a restart, and keeps every distinct reason', () => {
    let db = openDatabase(file);
    const store = new TaintStore(db);
    expect(store.get('c1').private).toBe(false);
    store.taint('c1', [{ kind: 'detector', detail: 'PII EMAIL_ADDRESS in message 0 (user)' }]);
    store.taint('c1', [
      { kind: 'detector', detail: 'PII EMAIL_ADDRESS in message 0 (user)' },
      { kind: 'marker', detail: 'local_only wording "keep this local" in message 2 (user)' },
    ]);
    store.taint('c1', []);
    db.close();

    db = openDatabase(file);
    const again = new TaintStore(db).get('c1');
    expect(again.private).toBe(true);
    expect(again.reasons.map((reason) => reason.kind)).toEqual(['detector', 'marker']);
    expect(new TaintStore(db).get('other').private).toBe(false);
    db.close();
  });

  it('records keep-local and the person`s override with its time', () => {
    const db = openDatabase(file);
    const store = new TaintStore(db, () => new Date('2026-11-25T10:00:00Z'));
    store.setKeepLocal('c2', true);
    store.setPrivateOverride('c2', true);
    expect(store.get('c2')).toMatchObject({
      keepLocal: true,
      privateOverride: true,
      privateOverrideAt: '2026-11-25T10:00:00.000Z',
    });
    store.setPrivateOverride('c2', false);
    expect(store.get('c2')).toMatchObject({ privateOverride: false, privateOverrideAt: null });
    db.close();
  });
});

describe('personal memory', () => {
  it('keeps facts in the local database, lists and forgets them', () => {
    const db = openDatabase(file);
    const memory = new MemoryStore(db);
    const first = memory.add('  My daughter is called Mia. ', 'c1');
    memory.add('My blood type is O negative');
    expect(memory.list().map((fact) => fact.fact)).toEqual([
      'My daughter is called Mia.',
      'My blood type is O negative',
    ]);
    memory.remove(first.id);
    expect(memory.list()).toHaveLength(1);
    expect(() => memory.remove(first.id)).toThrow(MemoryError);
    expect(() => memory.add('   ')).toThrow(/nothing to remember/);
    db.close();
  });

  it('knows when a request uses memory, by its wording or by what a fact names', () => {
    const facts = ['My daughter is called Mia', 'My blood type is O negative'];
    expect(memoryRecall('As I told you, I need a plan for the weekend.', facts)).toMatch(
      /as i told you/,
    );
    expect(memoryRecall('What present would Mia like for her birthday?', facts)).toMatch(/fact #1/);
    expect(memoryRecall('Which blood donors are compatible with O negative?', facts)).toMatch(
      /fact #2/,
    );
    expect(memoryRecall('你还记得我上次说的吗？', facts)).toBeDefined();
    expect(memoryRecall('Explain how blood types are inherited.', facts)).toBeUndefined();
    expect(memoryRecall('Compare three cache designs.', [])).toBeUndefined();
  });

  it('reads a request to remember something', () => {
    expect(parseRememberRequest('Remember that my dentist is Dr. Okafor.')).toBe(
      'my dentist is Dr. Okafor',
    );
    expect(parseRememberRequest('please keep in mind I am allergic to penicillin!')).toBe(
      'I am allergic to penicillin',
    );
    expect(parseRememberRequest('请记住：我对花生过敏。')).toBe('我对花生过敏');
    expect(parseRememberRequest('Do you remember the capital of Peru?')).toBeUndefined();
  });
});
