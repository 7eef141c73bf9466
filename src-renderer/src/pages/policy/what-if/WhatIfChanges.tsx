import { ArrowRight } from 'lucide-react';
import type { WhatIfChange, WhatIfRoute } from '../../../../../src-main/contract';
import { decisionOf, laneOf, when } from './what-if-format';

// The requests the edit would route differently, newest first: where each
// went and where it would go, what changed, and whether it was read whole.

function Route({ route, changed }: { route: WhatIfRoute; changed: WhatIfChange['changed'] }) {
  const mark = (field: WhatIfChange['changed'][number]) =>
    changed.includes(field) ? ' whatif-route__part--changed' : '';
  return (
    <span className="whatif-route">
      <span className={`whatif-route__part${mark('decision')}`}>{decisionOf(route)}</span>
      <span className={`whatif-route__part whatif-route__model${mark('model')}`}>
        {route.model ?? 'no model'}
      </span>
      <span className="whatif-route__where">
        <span className={`whatif-route__part whatif-route__lane${mark('lane')}`}>
          {laneOf(route)}
        </span>
        {route.locality ? (
          <span className={`whatif-locality whatif-locality--${route.locality}${mark('locality')}`}>
            {route.locality}
          </span>
        ) : null}
      </span>
    </span>
  );
}

export function WhatIfChanges({ changes, more }: { changes: WhatIfChange[]; more: boolean }) {
  return (
    <div className="whatif-changes">
      <table className="whatif-table" data-testid="whatif-changes">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Prompt</th>
            <th scope="col">Before</th>
            <th scope="col" aria-label="becomes" />
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr
              key={change.id}
              data-record-id={change.id}
              data-leaves={change.leaves}
              data-truncated={change.truncated}
              className={
                change.private && change.after.locality === 'cloud'
                  ? 'whatif-row--alarm'
                  : undefined
              }
            >
              <td className="whatif-table__time">{when(change.createdAt)}</td>
              <td className="whatif-table__prompt">
                <span className="whatif-prompt" title={change.prompt}>
                  {change.prompt || '(no prompt kept)'}
                </span>
                <span className="whatif-badges">
                  {change.private ? (
                    <span className="badge whatif-badge whatif-badge--private">private</span>
                  ) : null}
                  {change.truncated ? (
                    <span
                      className="badge whatif-badge whatif-badge--truncated"
                      title="The stored body was cut at capture: only part of the request was routed again."
                    >
                      truncated
                    </span>
                  ) : null}
                  {change.leaves ? (
                    <span className="badge whatif-badge whatif-badge--leaves">
                      leaves the machine
                    </span>
                  ) : null}
                </span>
              </td>
              <td>
                <Route route={change.before} changed={change.changed} />
              </td>
              <td className="whatif-table__arrow" aria-hidden="true">
                <ArrowRight size={14} />
              </td>
              <td>
                <Route route={change.after} changed={change.changed} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more ? (
        <p className="muted whatif-more">
          More requests would change than are listed here; the counts above include them all.
        </p>
      ) : null}
    </div>
  );
}
