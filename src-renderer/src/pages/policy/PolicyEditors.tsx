import { lazy, Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { editedProblems } from './policy-problems';
import { usePolicyStore } from './policy-store';
import { PaneHeader } from './PaneHeader';

// CodeMirror is loaded with the page that uses it, not at start.
const DslEditor = lazy(() =>
  import('../../components/dsl-editor/DslEditor').then((m) => ({ default: m.DslEditor })),
);
const YamlEditor = lazy(() => import('./YamlEditor').then((m) => ({ default: m.YamlEditor })));

const EDITOR_HEIGHT = '56vh';
const NO_DIAGNOSTICS: never[] = [];

function EditorFallback() {
  return <div className="policy-skeleton" style={{ height: EDITOR_HEIGHT }} aria-busy="true" />;
}

/** The DSL and the YAML side by side; the side that leads is editable, the other follows it. */
export function PolicyEditors() {
  const { source, dsl, yaml, otherStale, dslProblems } = usePolicyStore(
    useShallow((s) => ({
      source: s.source,
      dsl: s.dsl,
      yaml: s.yaml,
      otherStale: s.otherStale,
      dslProblems: s.active?.dslProblems ?? NO_DIAGNOSTICS,
    })),
  );
  const convert = usePolicyStore((s) => s.conversion);
  const reveal = usePolicyStore((s) => s.reveal);
  const problems = usePolicyStore(useShallow(editedProblems));
  const { setDsl, setYaml, setCheck, setSource } = usePolicyStore.getState();
  // Switching is safe once the other side shows exactly what the source side says.
  const canSwitch =
    !otherStale && convert.status === 'done' && convert.text === (source === 'dsl' ? dsl : yaml);
  const yamlDiagnostics =
    source === 'yaml' && problems.diagnostics ? problems.diagnostics : NO_DIAGNOSTICS;

  return (
    <div className="policy-editors">
      <section className="policy-pane" aria-label="DSL">
        <PaneHeader
          title="DSL"
          scope="routing sections"
          leads={source === 'dsl'}
          follows="the YAML"
          stale={source === 'yaml' && otherStale}
          canSwitch={canSwitch}
          onSwitch={() => setSource('dsl')}
        />
        {source === 'yaml' && dsl === '' && dslProblems.length > 0 ? (
          <ul className="policy-pane__problems" data-testid="policy-dsl-problems">
            {dslProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : null}
        <div data-testid="policy-dsl-editor" data-readonly={source !== 'dsl'}>
          <Suspense fallback={<EditorFallback />}>
            <DslEditor
              value={dsl}
              onChange={setDsl}
              onCheck={setCheck}
              readOnly={source !== 'dsl'}
              height={EDITOR_HEIGHT}
              label="Routing policy (DSL)"
              reveal={source === 'dsl' ? reveal : null}
            />
          </Suspense>
        </div>
        {source === 'yaml' && otherStale ? (
          <p className="policy-pane__hint policy-pane__hint--warn">
            {problems.convertError
              ? `The core could not decompile the YAML: ${problems.convertError.message}`
              : 'The YAML has errors or cannot be printed as DSL; this is the last DSL it gave.'}
          </p>
        ) : null}
      </section>
      <section className="policy-pane" aria-label="YAML">
        <PaneHeader
          title="YAML"
          scope="whole config"
          leads={source === 'yaml'}
          follows="the DSL"
          stale={source === 'dsl' && otherStale}
          canSwitch={canSwitch}
          onSwitch={() => setSource('yaml')}
        />
        <div data-testid="policy-yaml-view" data-readonly={source !== 'yaml'}>
          <Suspense fallback={<EditorFallback />}>
            <YamlEditor
              value={yaml}
              onChange={setYaml}
              readOnly={source !== 'yaml'}
              height={EDITOR_HEIGHT}
              diagnostics={yamlDiagnostics}
              label="Routing policy (YAML)"
              reveal={source === 'yaml' ? reveal : null}
            />
          </Suspense>
        </div>
        {source === 'dsl' && otherStale ? (
          <p className="policy-pane__hint policy-pane__hint--warn">
            {problems.convertError
              ? `The core could not compile the DSL: ${problems.convertError.message}`
              : 'The DSL has errors; this is the last YAML it compiled to.'}
          </p>
        ) : null}
        {source === 'yaml' ? (
          <p className="policy-pane__hint">
            The DSL covers the routing sections only. Back in the DSL, providers, listeners and
            global come from the policy in force again, so edits to them here would be dropped.
          </p>
        ) : null}
      </section>
    </div>
  );
}
