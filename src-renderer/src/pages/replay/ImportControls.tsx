import { Upload } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useClient } from '../../api/client-context';
import { useReplayImportStore } from './replay-import-store';
import { useReplayStore } from './replay-store';

// The Replay page's header actions for imports: which records are shown
// (this machine's, or an imported set) and "Import" to read an export file
// into a set of its own.

export function SourcePicker() {
  const client = useClient();
  const imports = useReplayImportStore((s) => s.imports);
  const loadImports = useReplayImportStore((s) => s.loadImports);
  const source = useReplayStore((s) => s.source);
  const setSource = useReplayStore((s) => s.setSource);
  useEffect(() => {
    void loadImports(client);
  }, [client, loadImports]);
  if (imports.length === 0 && source === null) return null;
  return (
    <select
      className="select replay-source"
      aria-label="Records shown"
      data-testid="replay-source"
      value={source ?? ''}
      onChange={(event) => setSource(event.target.value === '' ? null : event.target.value)}
    >
      <option value="">This machine&apos;s records</option>
      {imports.map((set) => (
        <option key={set.name} value={set.name} disabled={set.problem !== null}>
          Imported: {set.name} ({set.records})
        </option>
      ))}
    </select>
  );
}

export function ImportButton() {
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const running = useReplayImportStore((s) => s.state.status === 'running');
  const importFile = useReplayImportStore((s) => s.importFile);
  const setSource = useReplayStore((s) => s.setSource);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".jsonl,.ndjson,application/x-ndjson"
        hidden
        data-testid="replay-import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          void importFile(client, file).then((report) => {
            if (report && report.imported + report.skipped > 0) setSource(report.name);
          });
        }}
      />
      <button
        type="button"
        className="lanes-button"
        disabled={running}
        title="Read a JSONL export (from this or another machine) into a set of its own"
        onClick={() => input.current?.click()}
      >
        <Upload size={14} aria-hidden="true" /> {running ? 'Importing…' : 'Import'}
      </button>
    </>
  );
}
