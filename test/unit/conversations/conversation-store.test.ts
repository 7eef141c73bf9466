import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../../src-main/core/conversations/conversation-store';
import { openDatabase } from '../../../src-main/core/store/database';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  temp = makeTempDir();
  file = join(temp.dir, 'homelane.db');
});
afterEach(() => temp.cleanup());

describe('conversations', () => {
  it('keep their messages in order across a restart, with partial answers marked', () => {
    let db = openDatabase(file);
    const store = new ConversationStore(db, () => new Date('2026-11-25T10:00:00Z'));
    store.append('c1', { role: 'user', content: 'What is a lemma?' });
    store.append('c1', {
      role: 'assistant',
      content: 'A lemma is a small theorem',
      model: 'local/small',
      laneId: 'local/small_box',
      status: 'partial',
    });
    store.append('c1', { role: 'user', content: 'Go on.' });
    store.append('c1', { role: 'assistant', content: '', status: 'failed' });
    store.append('c2', { role: 'user', content: 'Unrelated.' });
    db.close();

    db = openDatabase(file);
    const again = new ConversationStore(db);
    expect(again.messages('c1').map((message) => [message.role, message.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'partial'],
      ['user', 'complete'],
      ['assistant', 'failed'],
    ]);
    expect(again.messages('c1')[1]).toMatchObject({
      model: 'local/small',
      laneId: 'local/small_box',
    });
    expect(again.history('c1')).toEqual([
      { role: 'user', content: 'What is a lemma?' },
      { role: 'assistant', content: 'A lemma is a small theorem' },
      { role: 'user', content: 'Go on.' },
    ]);
    expect(again.history('nobody')).toEqual([]);
    db.close();
  });
});
