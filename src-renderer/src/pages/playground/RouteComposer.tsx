import { MessageSquare, MessagesSquare, Play, Plus, Trash2 } from 'lucide-react';
import type { KeyboardEvent } from 'react';
import type { PlaygroundMessage } from '../../../../src-main/contract';
import { canRoute, usePlaygroundStore } from './playground-store';

// What to route: one prompt, or a conversation with a role per turn. Route
// (or Ctrl+Enter in any box) sends it through the router; nothing answers.

const ROLES: PlaygroundMessage['role'][] = ['user', 'assistant', 'system'];

function ConversationEditor({ onKeyDown }: { onKeyDown(event: KeyboardEvent): void }) {
  const turns = usePlaygroundStore((s) => s.turns);
  const setTurn = usePlaygroundStore((s) => s.setTurn);
  const addTurn = usePlaygroundStore((s) => s.addTurn);
  const removeTurn = usePlaygroundStore((s) => s.removeTurn);
  return (
    <div className="playground-turns">
      {turns.map((turn, index) => (
        <div key={index} className="playground-turn" data-role={turn.role}>
          <select
            className="select playground-turn__role"
            value={turn.role}
            aria-label={`Role of turn ${index + 1}`}
            onChange={(event) =>
              setTurn(index, { role: event.target.value as PlaygroundMessage['role'] })
            }
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <textarea
            className="textarea"
            rows={2}
            value={turn.content}
            placeholder={turn.role === 'user' ? 'What the person says' : 'What was answered'}
            aria-label={`Turn ${index + 1}`}
            data-testid={index === turns.length - 1 ? 'playground-input' : undefined}
            onChange={(event) => setTurn(index, { content: event.target.value })}
            onKeyDown={onKeyDown}
          />
          <button
            type="button"
            className="lanes-button lanes-button--small"
            aria-label={`Remove turn ${index + 1}`}
            title="Remove this turn"
            onClick={() => removeTurn(index)}
          >
            <Trash2 size={14} aria-hidden="true" />
          </button>
        </div>
      ))}
      <button type="button" className="lanes-button lanes-button--small" onClick={addTurn}>
        <Plus size={14} aria-hidden="true" /> Add a turn
      </button>
    </div>
  );
}

export function RouteComposer({ onRoute }: { onRoute(): void }) {
  const mode = usePlaygroundStore((s) => s.mode);
  const setMode = usePlaygroundStore((s) => s.setMode);
  const prompt = usePlaygroundStore((s) => s.prompt);
  const setPrompt = usePlaygroundStore((s) => s.setPrompt);
  const turns = usePlaygroundStore((s) => s.turns);
  const running = usePlaygroundStore((s) => s.route.status === 'running');
  const ready = canRoute(mode, prompt, turns);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRoute();
    }
  };
  return (
    <section className="card playground-composer" aria-label="What to route">
      <div
        className="playground-modes"
        role="radiogroup"
        aria-label="Route a prompt or a conversation"
      >
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'prompt'}
          className="playground-mode"
          onClick={() => setMode('prompt')}
        >
          <MessageSquare size={14} aria-hidden="true" /> A prompt
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'conversation'}
          className="playground-mode"
          onClick={() => setMode('conversation')}
        >
          <MessagesSquare size={14} aria-hidden="true" /> A conversation
        </button>
      </div>
      {mode === 'prompt' ? (
        <textarea
          className="textarea"
          rows={4}
          value={prompt}
          placeholder="Type a prompt to see where it would go"
          aria-label="Prompt to route"
          data-testid="playground-input"
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={onKeyDown}
        />
      ) : (
        <ConversationEditor onKeyDown={onKeyDown} />
      )}
      <div className="playground-composer__foot">
        <span className="muted">
          Nothing is generated or recorded. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> routes.
        </span>
        <button
          type="button"
          className="lanes-button lanes-button--primary"
          data-testid="playground-route"
          disabled={!ready || running}
          onClick={onRoute}
        >
          <Play size={14} aria-hidden="true" /> {running ? 'Routing…' : 'Route'}
        </button>
      </div>
    </section>
  );
}
