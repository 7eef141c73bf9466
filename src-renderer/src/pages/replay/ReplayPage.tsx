import { Download } from 'lucide-react';
import { useEffect } from 'react';
import { useClient } from '../../api/client-context';
import { PageHeader } from '../../components/PageHeader';
import { downloadText } from '../chat/download';
import { ImportButton, SourcePicker } from './ImportControls';
import { ImportReport } from './ImportReport';
import { RecordDetail } from './RecordDetail';
import { ReplayFilterBar } from './ReplayFilterBar';
import { ReplayList } from './ReplayList';
import { useReplayStore } from './replay-store';
import './replay.css';
import './replay-import.css';
import '../../components/form-controls.css';

function ExportButton() {
  const exporting = useReplayStore((s) => s.exporting);
  const error = useReplayStore((s) => s.exportError);
  const exportJsonl = useReplayStore((s) => s.exportJsonl);
  const viewingImport = useReplayStore((s) => s.source !== null);
  return (
    <>
      {error ? (
        <span className="replay-more__error" role="alert">
          {error.message}
        </span>
      ) : null}
      <button
        type="button"
        className="lanes-button"
        disabled={exporting || viewingImport}
        title={
          viewingImport
            ? "Export reads this machine's records; switch back to them to export"
            : 'Save the filtered records as JSONL (homelane replay import reads it)'
        }
        onClick={() =>
          void exportJsonl().then((file) => {
            if (file) downloadText(file.fileName, 'application/x-ndjson', file.text);
          })
        }
      >
        <Download size={14} aria-hidden="true" /> {exporting ? 'Exporting…' : 'Export'}
      </button>
    </>
  );
}

export function ReplayPage() {
  const client = useClient();
  const attach = useReplayStore((s) => s.attach);
  const detailOpen = useReplayStore((s) => s.detail !== null);
  const source = useReplayStore((s) => s.source);
  useEffect(() => attach(client), [attach, client]);

  return (
    <>
      <PageHeader
        title="Replay"
        subtitle={
          source === null
            ? 'Every routing decision, stored on this machine for review.'
            : `The imported set ${source}, kept apart from this machine's records.`
        }
        actions={
          <div className="replay-actions">
            <SourcePicker />
            <ImportButton />
            <ExportButton />
          </div>
        }
      />
      <ImportReport />
      <ReplayFilterBar />
      <div className={detailOpen ? 'replay-layout has-detail' : 'replay-layout'}>
        <ReplayList />
        <RecordDetail />
      </div>
    </>
  );
}
