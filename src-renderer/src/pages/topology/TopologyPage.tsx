import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { AlertTriangle, Loader2, Network } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { useClient } from '../../api/client-context';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { TestPromptBox } from './TestPromptBox';
import { TopologyCanvas } from './TopologyCanvas';
import { useTopologyStore } from './topology-store';
import { traceHighlight } from './trace-highlight';
import './topology.css';

export function TopologyPage() {
  const client = useClient();
  const { graph, test, focus, load, runTest, clearTest, setFocus } = useTopologyStore();

  useEffect(() => {
    void load(client);
  }, [client, load]);

  const highlight = useMemo(
    () =>
      graph.status === 'ready' && test.status === 'done'
        ? traceHighlight(graph.graph, test.trace)
        : null,
    [graph, test],
  );

  return (
    <div className="topology">
      <PageHeader
        title="Topology"
        subtitle="Signals → projections → decisions → models → lanes, as one graph."
      />
      {graph.status === 'loading' && (
        <EmptyState icon={Loader2} title="Drawing the graph…">
          <p className="muted">Reading the routing profile in force.</p>
        </EmptyState>
      )}
      {graph.status === 'error' && (
        <EmptyState icon={AlertTriangle} title="The graph could not be read">
          <p>{graph.error.message}</p>
          <button type="button" className="lanes-button" onClick={() => void load(client)}>
            Try again
          </button>
        </EmptyState>
      )}
      {graph.status === 'ready' && graph.graph.nodes.length === 0 && (
        <EmptyState icon={Network} title="Nothing to draw yet">
          {graph.graph.profile === null ? (
            <>
              <p>The graph is drawn from the routing profile in force, and none is loaded.</p>
              <p className="muted">Pick a profile under Get started, then come back here.</p>
            </>
          ) : (
            <>
              <p>
                The profile <strong>{graph.graph.profile}</strong> declares no signals, decisions or
                models yet.
              </p>
              <p className="muted">Add some in the Policy editor and they appear here.</p>
            </>
          )}
        </EmptyState>
      )}
      {graph.status === 'ready' && graph.graph.nodes.length > 0 && (
        <>
          <TestPromptBox
            test={test}
            onTest={(text) => void runTest(client, text)}
            onClear={clearTest}
          />
          <p className="topology__summary muted">
            Profile <strong>{graph.graph.profile}</strong>: {graph.graph.nodes.length} nodes,{' '}
            {graph.graph.edges.length} links. Click a node to focus on its neighbours; click the
            background to see everything again.
          </p>
          <div className="topology__canvas" data-testid="topology-canvas">
            <ReactFlowProvider>
              <TopologyCanvas
                graph={graph.graph}
                highlight={highlight}
                focus={focus}
                onFocus={setFocus}
              />
            </ReactFlowProvider>
          </div>
        </>
      )}
    </div>
  );
}
