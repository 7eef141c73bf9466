import { AlertTriangle, FlaskConical, Loader2 } from 'lucide-react';
import { useClient } from '../../api/client-context';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import '../../components/form-controls.css';
import { ProbesTab } from './ProbesTab';
import { RouteComposer } from './RouteComposer';
import { TraceCard } from './TraceCard';
import { usePlaygroundStore } from './playground-store';
import type { Tab } from './playground-store';
import './playground.css';

const TABS: [Tab, string][] = [
  ['route', 'Route'],
  ['probes', 'Probes'],
];

function RouteTab() {
  const client = useClient();
  const route = usePlaygroundStore((s) => s.route);
  const runRoute = usePlaygroundStore((s) => s.runRoute);
  return (
    <div className="stack">
      <RouteComposer onRoute={() => void runRoute(client)} />
      {route.status === 'idle' && (
        <EmptyState icon={FlaskConical} title="Nothing routed yet">
          <p>
            See which signals matched, how the projections scored, which decision won and where the
            request would go — without generating a reply.
          </p>
        </EmptyState>
      )}
      {route.status === 'running' && (
        <EmptyState icon={Loader2} title="Routing…">
          <p className="muted">Every signal is evaluated; nothing is sent to a lane.</p>
        </EmptyState>
      )}
      {route.status === 'error' && (
        <EmptyState icon={AlertTriangle} title="It could not be routed">
          <p role="alert">{route.error.message}</p>
          {route.error.code === 'unavailable' ? (
            <p className="muted">Pick a routing profile under Get started, then come back here.</p>
          ) : null}
        </EmptyState>
      )}
      {route.status === 'done' && <TraceCard answer={route.answer} />}
    </div>
  );
}

export function PlaygroundPage() {
  const tab = usePlaygroundStore((s) => s.tab);
  const setTab = usePlaygroundStore((s) => s.setTab);
  return (
    <>
      <PageHeader
        title="Playground"
        subtitle="Route a prompt or a conversation without generating a reply, or run a probe file."
      />
      <div className="playground-tabs" role="tablist" aria-label="Playground">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`playground-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`playground-panel-${id}`}
            className="playground-tab"
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`playground-panel-${tab}`} aria-labelledby={`playground-tab-${tab}`}>
        {tab === 'route' ? <RouteTab /> : <ProbesTab />}
      </div>
    </>
  );
}
