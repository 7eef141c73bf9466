import type { ProfileSummary } from '../../../../src-main/contract';

/** What the profile decides and with what: decisions, signal families, models, recipes. */
export function ProfileSummaryView({ summary }: { summary: ProfileSummary }) {
  return (
    <div className="onb-summary" data-testid="profile-summary">
      <div className="onb-summary__figures">
        <Figure value={summary.decisions.length} label="decisions" />
        <Figure value={summary.signals.reduce((sum, s) => sum + s.count, 0)} label="signals" />
        <Figure value={summary.models.length} label="models" />
        <Figure value={summary.recipes.length} label="recipes" />
      </div>
      <dl className="facts">
        <div className="facts__row">
          <dt>Decisions</dt>
          <dd>
            {summary.decisions.length === 0
              ? 'none: every request goes to the default model'
              : summary.decisions
                  .map((d) => (d.models.length ? `${d.name} → ${d.models.join(', ')}` : d.name))
                  .join('\n')}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Signals</dt>
          <dd>{summary.signals.map((s) => `${s.type} (${s.count})`).join(', ') || 'none'}</dd>
        </div>
        <div className="facts__row">
          <dt>Models</dt>
          <dd>
            {summary.models.join(', ') || 'none'}
            {summary.defaultModel ? ` — default ${summary.defaultModel}` : ''}
          </dd>
        </div>
        {summary.recipes.length > 0 ? (
          <div className="facts__row">
            <dt>Recipes</dt>
            <dd>{summary.recipes.join(', ')}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

function Figure({ value, label }: { value: number; label: string }) {
  return (
    <div className="onb-figure">
      <span className="onb-figure__value">{value}</span>
      <span className="onb-figure__label">{label}</span>
    </div>
  );
}
