import { Download } from 'lucide-react';
import { useEffect } from 'react';
import { useClient } from '../../api/client-context';
import { PageHeader } from '../../components/PageHeader';
import { downloadText } from '../chat/download';
import { RecordDetail } from './RecordDetail';
import { ReplayFilterBar } from './ReplayFilterBar';
import { ReplayList } from './ReplayList';
import { useReplayStore } from './replay-store';
import './replay.css';

function ExportButton() {
  const exporting = useReplayStore((s) => s.exporting);
  const error = useReplayStore((s) => s.exportError);
  const exportJsonl = useReplayStore((s) => s.exportJsonl);
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
        disabled={exporting}
        title="Save the filtered records as JSONL (homelane replay import reads it)"
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
  useEffect(() => attach(client), [attach, client]);

  return (
    <>
      <PageHeader
        title="Replay"
        subtitle="Every routing decision, stored on this machine for review."
        actions={<ExportButton />}
      />
      <ReplayFilterBar />
      <div className={detailOpen ? 'replay-layout has-detail' : 'replay-layout'}>
        <ReplayList />
        <RecordDetail />
      </div>
    </>
  );
}
