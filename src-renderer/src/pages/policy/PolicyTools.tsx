import { FileDiff, FlaskConical, History, Import, Share } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { useState } from 'react';
import { useClient } from '../../api/client-context';
import { DiffPanel } from './DiffPanel';
import { ExportPanel } from './ExportPanel';
import { HistoryPanel } from './HistoryPanel';
import { ImportPanel } from './ImportPanel';
import { WhatIfSlot } from './WhatIfSlot';
import { useDiffStore } from './diff-store';
import { useExportStore } from './export-store';
import { useHistoryStore } from './history-store';
import { exportSubjectOf } from './export-subject';
import { editedOf, usePolicyStore } from './policy-store';

type ToolId = 'diff' | 'history' | 'import' | 'export' | 'whatif';

const TOOLS: { id: ToolId; label: string; icon: LucideIcon; testId: string }[] = [
  { id: 'diff', label: 'Diff against active', icon: FileDiff, testId: 'policy-diff' },
  { id: 'history', label: 'History', icon: History, testId: 'policy-history' },
  { id: 'import', label: 'Import', icon: Import, testId: 'policy-import' },
  { id: 'export', label: 'Export for upstream', icon: Share, testId: 'policy-export' },
  { id: 'whatif', label: 'What if', icon: FlaskConical, testId: 'policy-whatif' },
];

/** The tools under the editors, one open at a time; opening one runs what it shows. */
export function PolicyTools() {
  const client = useClient();
  const [open, setOpen] = useState<ToolId>('diff');

  const choose = (id: ToolId) => {
    setOpen(id);
    const state = usePolicyStore.getState();
    if (id === 'diff') {
      const edited = editedOf(state);
      if (edited.text.trim() !== '') void useDiffStore.getState().run(client, edited);
    }
    if (id === 'history') void useHistoryStore.getState().load(client);
    if (id === 'export') void useExportStore.getState().run(client, exportSubjectOf(state));
  };

  return (
    <section className="policy-tools" aria-label="Policy tools">
      <div className="policy-tools__tabs" role="tablist" aria-label="Policy tools">
        {TOOLS.map(({ id, label, icon: Icon, testId }) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`policy-tab-${id}`}
            aria-selected={open === id}
            aria-controls={`policy-panel-${id}`}
            className={open === id ? 'policy-tools__tab is-active' : 'policy-tools__tab'}
            data-testid={testId}
            onClick={() => choose(id)}
          >
            <Icon size={14} aria-hidden="true" /> {label}
          </button>
        ))}
      </div>
      <div
        className="policy-tools__panel"
        role="tabpanel"
        id={`policy-panel-${open}`}
        aria-labelledby={`policy-tab-${open}`}
      >
        {open === 'diff' ? <DiffPanel /> : null}
        {open === 'history' ? <HistoryPanel /> : null}
        {open === 'import' ? <ImportPanel /> : null}
        {open === 'export' ? <ExportPanel /> : null}
        {open === 'whatif' ? <WhatIfSlot /> : null}
      </div>
    </section>
  );
}
