import { GitBranch, Lock, LockOpen } from 'lucide-react';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { formatCost, formatDuration } from './chat-format';
import { useChatStore } from './chat-store';
import type { ChatMessage } from './chat-types';
import { LocalityChip } from './LocalityChip';
import { routingWithRecord } from './turn-apply';

// The line under every reply: the decision, the alias and lane that answered,
// where that is, whether the request was private, how long it took and what
// it cost. It opens the reply's full routing trace.

export function RoutingBadge({ message }: { message: ChatMessage }) {
  const recordId = message.routing?.recordId ?? null;
  const settled = message.status !== 'streaming';
  const record = useChatStore((s) => (recordId ? s.records[recordId] : undefined));
  const ensureRecord = useChatStore((s) => s.ensureRecord);
  const openTrace = useChatStore((s) => s.openTrace);
  useEffect(() => {
    if (recordId && settled) ensureRecord(recordId);
  }, [recordId, settled, ensureRecord]);

  const stored = record?.status === 'ready' ? record.value : null;
  const routing = stored ? routingWithRecord(message.routing, stored) : message.routing;
  if (!routing?.model && !routing?.decision) {
    return settled ? null : <div className="chat-badge chat-badge--pending">Routing…</div>;
  }
  const latency = formatDuration(stored?.duration_ms ?? routing.firstTokenMs);
  const cost = stored ? formatCost(stored.actual_cost, stored.currency) : null;
  const timing = stored
    ? `Routing ${formatDuration(stored.routing_ms) ?? '—'}, first token ${formatDuration(stored.ttft_ms) ?? '—'}, in all ${formatDuration(stored.duration_ms) ?? '—'}`
    : 'Time to the first token';
  const parts: [string, ReactNode][] = [
    [
      'decision',
      <span
        className="chat-badge__decision"
        title={
          routing.decision
            ? 'The decision that chose the model'
            : 'No decision matched; the default model answered'
        }
      >
        <GitBranch size={12} aria-hidden="true" />
        {routing.decision ?? 'default'}
      </span>,
    ],
    [
      'where',
      <span className="chat-badge__where">
        {routing.model ? <span className="chat-badge__mono">{routing.model}</span> : null}
        {routing.laneId ? (
          <span className="chat-badge__lane" title="The lane that answered">
            via <span className="chat-badge__mono">{routing.laneId}</span>
          </span>
        ) : null}
        {routing.locality ? <LocalityChip locality={routing.locality} /> : null}
        {routing.private === null ? null : routing.private ? (
          <span
            className="chat-badge__private is-private"
            title="Private: kept on local and LAN lanes"
          >
            <Lock size={12} aria-hidden="true" /> Private
          </span>
        ) : (
          <span className="chat-badge__private" title="Not private: any allowed lane may answer">
            <LockOpen size={12} aria-hidden="true" /> Not private
          </span>
        )}
      </span>,
    ],
  ];
  if (latency) parts.push(['latency', <span title={timing}>{latency}</span>]);
  if (cost) parts.push(['cost', <span title="Cost at the policy's prices">{cost}</span>]);
  return (
    <button
      type="button"
      className="chat-badge"
      data-testid="routing-badge"
      data-private={routing.private === null ? 'unknown' : String(routing.private)}
      data-locality={routing.locality ?? 'unknown'}
      disabled={!recordId}
      title={recordId ? 'Open the routing trace' : 'This policy keeps no routing record'}
      onClick={() => recordId && openTrace(recordId)}
    >
      {parts.map(([key, part], index) => (
        <span key={key} className={`chat-badge__part chat-badge__${key}-part`}>
          {index > 0 ? (
            <span className="chat-badge__dot" aria-hidden="true">
              ·
            </span>
          ) : null}
          {part}
        </span>
      ))}
    </button>
  );
}
