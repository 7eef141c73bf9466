import { Play, X } from 'lucide-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TestState } from './topology-store';

// "Test a prompt": routes a text through the profile (nothing is generated)
// and says where it went; the graph lights the path.

interface TestPromptBoxProps {
  test: TestState;
  onTest(text: string): void;
  onClear(): void;
}

export function TestPromptBox({ test, onTest, onClear }: TestPromptBoxProps) {
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onTest(text.trim());
  };
  return (
    <form className="topology-test" onSubmit={submit} aria-label="Test a prompt">
      <input
        className="input topology-test__input"
        placeholder="Test a prompt: type a message to see the path it takes"
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-label="Prompt to test"
      />
      <button
        type="submit"
        className="lanes-button"
        disabled={test.status === 'running' || !text.trim()}
      >
        <Play size={14} aria-hidden="true" />
        {test.status === 'running' ? 'Routing…' : 'Test'}
      </button>
      {test.status === 'done' && (
        <button
          type="button"
          className="lanes-button"
          onClick={onClear}
          aria-label="Clear the path"
        >
          <X size={14} aria-hidden="true" />
        </button>
      )}
      <TestOutcome test={test} />
    </form>
  );
}

function TestOutcome({ test }: { test: TestState }) {
  if (test.status === 'error') {
    return (
      <p className="topology-test__outcome topology-test__outcome--error" role="alert">
        {test.error.message}
      </p>
    );
  }
  if (test.status !== 'done') return null;
  const { trace } = test;
  return (
    <p className="topology-test__outcome" role="status">
      {trace.decision === null ? (
        'No decision matched: the default model answers.'
      ) : (
        <>
          Decision <strong>{trace.decision}</strong> → model <strong>{trace.model ?? '—'}</strong>
          {trace.locality ? ` (${trace.locality})` : ''} · {Math.round(trace.latency_ms)} ms
        </>
      )}
    </p>
  );
}
