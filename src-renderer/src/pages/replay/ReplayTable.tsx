import { Lock } from 'lucide-react';
import type { ReplayListItem } from '../../../../src-main/contract';
import { formatCost, formatDuration } from '../chat/chat-format';
import { formatWhen, promptLine, STATUS_LABEL } from './replay-format';
import { useReplayStore } from './replay-store';

// The records, newest first; a row opens its record in the detail panel.

function Row({ record, selected }: { record: ReplayListItem; selected: boolean }) {
  const open = useReplayStore((s) => s.open);
  return (
    <tr
      className={selected ? 'replay-row is-selected' : 'replay-row'}
      data-testid="replay-row"
      data-record-id={record.id}
      tabIndex={0}
      aria-selected={selected}
      onClick={() => void open(record.id)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          void open(record.id);
        }
      }}
    >
      <td className="replay-cell--when">{formatWhen(record.created_at)}</td>
      <td>
        <div className="replay-prompt">
          {record.private ? <Lock size={12} aria-label="Private" /> : null}
          <span>{promptLine(record.prompt) || <em className="muted">(no prompt kept)</em>}</span>
        </div>
      </td>
      <td>{record.decision ?? <span className="muted">—</span>}</td>
      <td className="replay-mono">{record.selected_model ?? '—'}</td>
      <td className="replay-cell--lane">
        {record.lane_id ?? '—'}
        {record.locality ? (
          <span className={`replay-locality replay-locality--${record.locality}`}>
            {record.locality}
          </span>
        ) : null}
      </td>
      <td>
        <span className={`replay-status replay-status--${record.lifecycle_state}`}>
          {STATUS_LABEL[record.lifecycle_state]}
        </span>
      </td>
      <td className="replay-num">{formatDuration(record.duration_ms) ?? '—'}</td>
      <td className="replay-num">{formatCost(record.actual_cost, record.currency) ?? '—'}</td>
    </tr>
  );
}

export function ReplayTable({ records }: { records: ReplayListItem[] }) {
  const selectedId = useReplayStore((s) => s.detail?.id);
  return (
    <table className="table replay-table" aria-label="Routing records">
      <thead>
        <tr>
          <th>When</th>
          <th>Prompt</th>
          <th>Decision</th>
          <th>Alias</th>
          <th>Lane</th>
          <th>Status</th>
          <th className="replay-num">Time</th>
          <th className="replay-num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <Row key={record.id} record={record} selected={record.id === selectedId} />
        ))}
      </tbody>
    </table>
  );
}
