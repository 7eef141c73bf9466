import { useMemo } from 'react';
import { parseUnifiedDiff } from './diff-lines';

const MARK: Record<string, string> = { added: '+', removed: '−', context: ' ' };

/** A unified diff with old and new line numbers; added lines green, removed red. */
export function UnifiedDiff({ unified }: { unified: string }) {
  const lines = useMemo(() => parseUnifiedDiff(unified), [unified]);
  if (lines.length === 0) {
    return (
      <p className="muted" data-testid="policy-diff-view" data-empty="true">
        The YAML is the same.
      </p>
    );
  }
  return (
    <div className="policy-diff" data-testid="policy-diff-view" tabIndex={0} aria-label="Diff">
      <table>
        <tbody>
          {lines.map((line, index) => (
            <tr key={index} className={`policy-diff__line policy-diff__line--${line.kind}`}>
              <td className="policy-diff__no">{line.oldLine ?? ''}</td>
              <td className="policy-diff__no">{line.newLine ?? ''}</td>
              <td className="policy-diff__mark">{MARK[line.kind] ?? ''}</td>
              <td className="policy-diff__text">
                {line.kind === 'added' || line.kind === 'removed' || line.kind === 'context'
                  ? line.text.slice(1)
                  : line.text}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
