import { CheckCircle2, CircleX, FileCheck2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useClient } from '../../api/client-context';
import { ProfileDiagnostics } from './ProfileDiagnostics';
import { ProfileSummaryView } from './ProfileSummaryView';
import { YamlView } from './YamlView';
import { useOnboarding } from './onboarding-store';
import './profile-preview.css';

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** The previewed profile: where it came from, its summary, its problems, its text, and Apply. */
export function ProfilePreviewPanel() {
  const client = useClient();
  const preview = useOnboarding((s) => s.preview);
  const apply = useOnboarding((s) => s.apply);
  const applyPreview = useOnboarding((s) => s.applyPreview);
  const marked = useMemo(
    () =>
      new Set(
        preview.status === 'ready'
          ? preview.preview.diagnostics
              .filter((d) => d.severity !== 'warning' && d.line !== undefined)
              .map((d) => d.line ?? 0)
          : [],
      ),
    [preview],
  );
  // A line the person asked to see, for the text it was asked on.
  const [asked, setAsked] = useState<{ text: string; line: number; seq: number } | null>(null);
  const text = preview.status === 'ready' ? preview.preview.text : '';
  const firstError = useMemo(() => [...marked].sort((a, b) => a - b)[0], [marked]);
  // A profile with errors opens at its first one.
  const focus = useMemo(
    () =>
      asked && asked.text === text
        ? { line: asked.line, seq: asked.seq }
        : firstError === undefined
          ? null
          : { line: firstError, seq: 0 },
    [asked, text, firstError],
  );
  const show = (line: number) =>
    setAsked((previous) => ({ text, line, seq: (previous?.seq ?? 0) + 1 }));

  if (preview.status === 'idle') return null;
  if (preview.status === 'loading')
    return (
      <div className="card muted" aria-busy="true">
        Reading the profile…
      </div>
    );
  if (preview.status === 'error') {
    return (
      <div className="card card--error" role="alert" data-testid="profile-error">
        <h3 className="card__title">The profile could not be read</h3>
        <p>{preview.error.message}</p>
      </div>
    );
  }
  const { preview: p } = preview;
  const warnings = p.diagnostics.length - p.errorCount;
  return (
    <section
      className="card onb-preview"
      data-testid="profile-preview"
      aria-label="Profile preview"
    >
      <header className="onb-preview__header">
        <div>
          <h3 className="card__title">{p.name}</h3>
          <div className="onb-preview__source" title={p.source}>
            {p.source} · {kB(p.bytes)}
          </div>
        </div>
        <span
          className={p.applicable ? 'onb-verdict onb-verdict--ok' : 'onb-verdict onb-verdict--bad'}
          data-testid="profile-verdict"
        >
          {p.applicable ? (
            <CheckCircle2 size={14} aria-hidden="true" />
          ) : (
            <CircleX size={14} aria-hidden="true" />
          )}
          {p.applicable
            ? `Valid${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`
            : `${p.errorCount} error${p.errorCount === 1 ? '' : 's'}`}
        </span>
      </header>
      {p.summary ? <ProfileSummaryView summary={p.summary} /> : null}
      <ProfileDiagnostics diagnostics={p.diagnostics} onShow={show} />
      <YamlView text={p.text} marked={marked} focus={focus} />
      <div className="onb-preview__actions">
        {apply.status === 'applied' ? (
          <span className="onb-applied" role="status" data-testid="profile-applied">
            <FileCheck2 size={15} aria-hidden="true" /> In force: {apply.result.profile.name}, saved
            as <code>{apply.result.file}</code>
          </span>
        ) : (
          <button
            type="button"
            className="lanes-button lanes-button--primary"
            disabled={!p.applicable || apply.status === 'applying'}
            onClick={() => void applyPreview(client)}
          >
            {apply.status === 'applying' ? 'Applying…' : 'Apply this profile'}
          </button>
        )}
        {!p.applicable ? (
          <span className="muted">Fix the errors above in the file, then read it again.</span>
        ) : null}
      </div>
      {apply.status === 'error' ? (
        <p className="onb-problem" role="alert">
          {apply.error.message}
        </p>
      ) : null}
    </section>
  );
}
