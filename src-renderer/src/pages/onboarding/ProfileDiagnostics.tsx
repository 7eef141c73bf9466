import { AlertTriangle, CircleX } from 'lucide-react';
import type { ProfileDiagnostic } from '../../../../src-main/contract';

/** The located problems of a previewed profile, errors first. */
export function ProfileDiagnostics({
  diagnostics,
  onShow,
}: {
  diagnostics: ProfileDiagnostic[];
  /** Shows a line of the text. */
  onShow: (line: number) => void;
}) {
  if (diagnostics.length === 0) return null;
  const ordered = [...diagnostics].sort(
    (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'),
  );
  return (
    <ul className="onb-diagnostics" data-testid="profile-diagnostics">
      {ordered.map((d, index) => {
        const error = d.severity !== 'warning';
        const Icon = error ? CircleX : AlertTriangle;
        return (
          <li
            key={index}
            className={error ? 'onb-diagnostic onb-diagnostic--error' : 'onb-diagnostic'}
          >
            <Icon size={14} aria-hidden="true" />
            {d.line !== undefined ? (
              <button
                type="button"
                className="onb-diagnostic__where"
                title="Show this line"
                onClick={() => onShow(d.line ?? 1)}
              >
                {d.line}:{d.column ?? 1}
              </button>
            ) : (
              <span className="onb-diagnostic__where">—</span>
            )}
            <span>
              {d.message} <code>{d.code}</code>
              {d.path && d.path !== '(root)' && d.path !== '(dsl)' ? (
                <span className="onb-diagnostic__path"> at {d.path}</span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
