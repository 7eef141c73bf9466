import { AlertTriangle, FileCheck2, FileWarning, Loader2 } from 'lucide-react';
import type { PlaygroundProbes } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { EmptyState } from '../../components/EmptyState';
import { ProbeResultsTable } from './ProbeResultsTable';
import { usePlaygroundStore } from './playground-store';

// Probes: pick a probes.yaml, run it against the profile in force (as
// `homelane probe` does) and read pass or fail per variant.

function Problems({ report }: { report: PlaygroundProbes }) {
  return (
    <section className="card card--error" role="alert" data-testid="playground-probes-problems">
      <h2 className="card__title">
        {report.fileName} cannot be run: {report.problems.length} problem
        {report.problems.length === 1 ? '' : 's'}
      </h2>
      <ul className="playground-problems">
        {report.problems.map((problem, index) => (
          <li key={index}>
            <code>
              {report.fileName}
              {problem.line !== null
                ? `:${problem.line}${problem.column !== null ? `:${problem.column}` : ''}`
                : ''}
            </code>{' '}
            {problem.path !== '' ? <span className="muted">{problem.path}: </span> : null}
            {problem.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Totals({ report }: { report: PlaygroundProbes }) {
  const total = report.passed + report.failed;
  const failuresOnly = usePlaygroundStore((s) => s.failuresOnly);
  const setFailuresOnly = usePlaygroundStore((s) => s.setFailuresOnly);
  return (
    <div className="playground-totals" data-testid="playground-probes-totals">
      <span>
        <strong>{report.name ?? report.fileName}</strong>: {total} variant{total === 1 ? '' : 's'}
      </span>
      <span className="playground-count playground-count--pass">{report.passed} passed</span>
      <span
        className={
          report.failed > 0 ? 'playground-count playground-count--fail' : 'playground-count'
        }
      >
        {report.failed} failed
      </span>
      <label className="playground-filter">
        <input
          type="checkbox"
          checked={failuresOnly}
          disabled={report.failed === 0}
          onChange={(event) => setFailuresOnly(event.target.checked)}
        />{' '}
        Failures only
      </label>
    </div>
  );
}

export function ProbesTab() {
  const client = useClient();
  const probes = usePlaygroundStore((s) => s.probes);
  const runProbes = usePlaygroundStore((s) => s.runProbes);
  const failuresOnly = usePlaygroundStore((s) => s.failuresOnly);
  return (
    <div className="stack">
      <section className="card playground-picker">
        <label className="playground-picker__label">
          <span>Probe file</span>
          <input
            type="file"
            accept=".yaml,.yml"
            data-testid="playground-probes-file"
            disabled={probes.status === 'running'}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void runProbes(client, file);
              event.target.value = '';
            }}
          />
        </label>
        <p className="muted">
          A recipe&apos;s probes.yaml (schema v1): each variant is routed through the profile in
          force and checked against its expected decision, as <code>homelane probe</code> does.
        </p>
      </section>
      {probes.status === 'idle' && (
        <EmptyState icon={FileCheck2} title="No probe file run yet">
          <p>Pick a probes.yaml to see which variants land where they should.</p>
        </EmptyState>
      )}
      {probes.status === 'running' && (
        <EmptyState icon={Loader2} title={`Running ${probes.fileName}…`}>
          <p className="muted">Every variant is routed; nothing is generated.</p>
        </EmptyState>
      )}
      {probes.status === 'error' && (
        <EmptyState icon={AlertTriangle} title={`${probes.fileName} could not be run`}>
          <p role="alert">{probes.error.message}</p>
        </EmptyState>
      )}
      {probes.status === 'done' && probes.report.problems.some((p) => p.severity !== 'warning') && (
        <Problems report={probes.report} />
      )}
      {probes.status === 'done' && probes.report.results.length > 0 && (
        <section className="card">
          <Totals report={probes.report} />
          <ProbeResultsTable results={probes.report.results} failuresOnly={failuresOnly} />
        </section>
      )}
      {probes.status === 'done' &&
        probes.report.results.length === 0 &&
        probes.report.problems.length === 0 && (
          <EmptyState icon={FileWarning} title="The file has no variants">
            <p>Add variants under its decisions and pick it again.</p>
          </EmptyState>
        )}
    </div>
  );
}
