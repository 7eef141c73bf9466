import { useEffect, useRef } from 'react';
import { useClient } from '../../api/client-context';
import type { CheckOutcome } from './dsl-lint';
import { dslSetup } from './dsl-setup';
import type { RevealRequest } from './reveal-line';
import { useCodeEditor } from './use-code-editor';

export type { CheckOutcome } from './dsl-lint';

interface DslEditorProps {
  value: string;
  onChange(value: string): void;
  readOnly?: boolean;
  /** A CSS length, e.g. `420px` or `60vh`. */
  height: string;
  /** Hears each answer of the live check (diagnostics, declared names) or its failure. */
  onCheck?(outcome: CheckOutcome): void;
  /** The editor's accessible name. */
  label?: string;
  /** A line to move to and show, e.g. the line of a problem picked from a list. */
  reveal?: RevealRequest | null;
}

/**
 * A CodeMirror editor for the routing DSL: highlighting, completion from the
 * names the file declares, and live diagnostics from the core with their
 * fixes. Controlled: `value` in, `onChange` out.
 */
export function DslEditor({
  value,
  onChange,
  readOnly = false,
  height,
  onCheck,
  label = 'Routing policy (DSL)',
  reveal = null,
}: DslEditorProps) {
  const client = useClient();
  const onCheckRef = useRef(onCheck);
  useEffect(() => {
    onCheckRef.current = onCheck;
  });
  const { host } = useCodeEditor({
    value,
    onChange,
    readOnly,
    reveal,
    rebuildKey: client,
    extensions: (onDocChange) => [
      dslSetup({ client, label, onDocChange, onCheck: (outcome) => onCheckRef.current?.(outcome) }),
    ],
  });
  return <div className="dsl-editor" ref={host} style={{ height }} data-testid="dsl-editor" />;
}
