import { useAppInfoStore } from '../../state/app-info-store';
import { useClient } from '../../api/client-context';

const TRANSPORT_LABEL = { ipc: 'Desktop app (IPC)', http: 'Web (HTTP)' } as const;

/** What this Homelane is and where it keeps its data, from `app.info`. */
const CLOUD_ESCALATION_LABEL = {
  never: 'Never — everything stays on local and LAN lanes',
  allow: 'Allowed for requests that are not private, where the policy sends them',
  ask: 'Ask each time',
} as const;

const DATABASE_LABEL = {
  ok: 'Ready',
  read_only: 'Read-only — nothing new is stored',
  unavailable: 'Unavailable',
  not_opened: 'Not opened (no routing profile loaded)',
} as const;

export function AboutCard() {
  const state = useAppInfoStore((s) => s.state);
  const client = useClient();
  if (state.status === 'loading') return <div className="card muted">Loading…</div>;
  if (state.status === 'error') {
    return (
      <div className="card card--error" role="alert">
        <h2 className="card__title">The core did not answer</h2>
        <p>
          {state.error.message} <code>{state.error.code}</code>
        </p>
      </div>
    );
  }
  const { info } = state;
  const rows: [string, string][] = [
    ['Version', info.version],
    ['Runtime', info.runtime === 'electron' ? 'Desktop app' : 'homelane serve'],
    ['Connected through', TRANSPORT_LABEL[client.transport]],
    ['Data folder', info.dataDir],
    [
      'Routing profile',
      info.profile ? `${info.profile.name} (${info.profile.source})` : 'None loaded',
    ],
    ['Cloud lanes', CLOUD_ESCALATION_LABEL[info.cloudEscalation]],
    [
      'Database',
      info.database.problem
        ? `${DATABASE_LABEL[info.database.state]}: ${info.database.problem.message}`
        : DATABASE_LABEL[info.database.state],
    ],
    ['Platform', `${info.platform}, Node ${info.nodeVersion}`],
  ];
  return (
    <div className="card">
      <h2 className="card__title">About this Homelane</h2>
      <dl className="facts" data-testid="app-info">
        {rows.map(([label, value]) => (
          <div key={label} className="facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
