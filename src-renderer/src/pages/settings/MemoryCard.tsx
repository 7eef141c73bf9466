import { Brain, CircleAlert, Pencil } from 'lucide-react';
import { useEffect } from 'react';
import type { FormEvent } from 'react';
import { MEMORY_FACT_MAX } from '../../../../src-main/contract';
import type { MemoryFact } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useMemoryStore } from './memory-store';

function FactRow({ fact }: { fact: MemoryFact }) {
  const client = useClient();
  const { editing, busy, error, edit, cancel, update, forget } = useMemoryStore();
  const isEditing = editing?.id === fact.id;
  const failed = error?.id === fact.id ? error.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void update(client);
  };
  return (
    <li className="memory-fact" data-fact-id={fact.id}>
      {isEditing ? (
        <form className="memory-fact__edit" onSubmit={submit}>
          <textarea
            className="textarea memory-fact__text-input"
            aria-label={`Edit fact ${fact.id}`}
            value={editing.text}
            rows={2}
            maxLength={MEMORY_FACT_MAX}
            onChange={(event) => edit(fact.id, event.target.value)}
          />
          <div className="button-row">
            <button
              type="submit"
              className="lanes-button lanes-button--small lanes-button--primary"
              disabled={busy === fact.id || editing.text.trim() === ''}
            >
              Save
            </button>
            <button type="button" className="lanes-button lanes-button--small" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <div className="memory-fact__body">
            <span className="memory-fact__text">{fact.fact}</span>
            <span className="field__hint">
              Remembered {new Date(fact.createdAt).toLocaleDateString()}
              {fact.conversationId ? ' in a chat' : ''}
            </span>
          </div>
          <div className="button-row memory-fact__actions">
            <button
              type="button"
              className="lanes-button lanes-button--small"
              aria-label={`Edit: ${fact.fact}`}
              onClick={() => edit(fact.id, fact.fact)}
            >
              <Pencil size={12} aria-hidden="true" />
              <span>Edit</span>
            </button>
            <ConfirmButton
              label="Forget"
              ariaLabel={`Forget: ${fact.fact}`}
              question="Forget this?"
              disabled={busy === fact.id}
              onConfirm={() => void forget(client, fact.id)}
            />
          </div>
        </>
      )}
      {failed ? (
        <p className="form-message form-message--error" role="alert">
          <CircleAlert size={14} aria-hidden="true" /> {failed.message}
        </p>
      ) : null}
    </li>
  );
}

/** Personal memory: what Homelane was asked to remember, corrected or forgotten here. */
export function MemoryCard() {
  const client = useClient();
  const load = useMemoryStore((s) => s.load);
  const read = useMemoryStore((s) => s.read);
  useEffect(() => {
    void read(client);
  }, [client, read]);

  return (
    <section className="card" aria-labelledby="memory-title" data-testid="memory">
      <h2 className="card__title" id="memory-title">
        Personal memory
      </h2>
      <p className="muted">
        Facts you asked Homelane to remember. They stay on this machine, and a request that uses
        them is private, so only your local and LAN lanes ever see them.
      </p>
      {load.status === 'loading' ? <p className="muted">Reading your memory…</p> : null}
      {load.status === 'error' ? (
        <p className="form-message form-message--error" role="alert">
          <CircleAlert size={14} aria-hidden="true" /> {load.error.message}
        </p>
      ) : null}
      {load.status === 'ready' && load.facts.length === 0 ? (
        <div className="memory-empty">
          <Brain size={18} aria-hidden="true" />
          <span>
            Nothing remembered yet. Say <q>remember that my dog is called Pixel</q> in a chat.
          </span>
        </div>
      ) : null}
      {load.status === 'ready' && load.facts.length > 0 ? (
        <ul className="memory-list">
          {load.facts.map((fact) => (
            <FactRow key={fact.id} fact={fact} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
