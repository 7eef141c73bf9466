import type { LanesList } from '../../../../src-main/contract';
import { LocalityBadge } from './LocalityBadge';
import { plural } from './lane-format';

/** The OpenAI-compatible servers added on this machine, and which alias goes to which model. */
export function LanEndpointsCard({ endpoints }: { endpoints: LanesList['endpoints'] }) {
  return (
    <div className="card">
      <h2 className="card__title">Network endpoints</h2>
      <p className="muted">
        {plural(endpoints.length, 'server')} on your network, added with{' '}
        <code>homelane lanes add</code>. Each mapped alias is a lane.
      </p>
      <table className="table lanes-table" data-testid="lan-endpoints">
        <colgroup>
          <col className="lanes-col--name" />
          <col className="lanes-col--address" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>Name</th>
            <th>Address</th>
            <th>Alias → model on the server</th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((endpoint) => (
            <tr key={endpoint.name}>
              <td>
                <div className="table__primary lane-row__id">{endpoint.name}</div>
                <div className="lane-row__origin">{endpoint.kind}</div>
              </td>
              <td>
                <div className="lane-row__url" title={endpoint.baseUrl}>
                  {endpoint.baseUrl}
                </div>
                {endpoint.locality ? (
                  <div className="lane-card__locality">
                    <LocalityBadge locality={endpoint.locality} source="config" />
                  </div>
                ) : null}
              </td>
              <td>
                {Object.keys(endpoint.aliases).length === 0 ? (
                  <span className="muted">No aliases mapped</span>
                ) : (
                  <ul className="alias-map">
                    {Object.entries(endpoint.aliases).map(([alias, model]) => (
                      <li key={alias}>
                        <code title={alias}>{alias}</code>
                        <span className="alias-map__target">
                          <span className="alias-map__arrow" aria-label="goes to">
                            →
                          </span>
                          <code title={model}>{model}</code>
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
