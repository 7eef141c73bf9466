import type { LanesList } from '../../../../src-main/contract';
import { plural } from './lane-format';

/** The ROCm vLLM containers Homelane runs in Docker on this machine. */
export function ManagedLanesCard({ managed }: { managed: LanesList['managed'] }) {
  return (
    <div className="card">
      <h2 className="card__title">Managed containers</h2>
      <p className="muted">
        {plural(managed.length, 'container')} run by Homelane in Docker on this machine, started
        with <code>homelane lanes up</code>.
      </p>
      <table className="table lanes-table" data-testid="managed-lanes">
        <colgroup>
          <col className="lanes-col--short" />
          <col className="lanes-col--image" />
          <col className="lanes-col--serves" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>Name</th>
            <th>Image and model</th>
            <th>Serves as</th>
            <th>Address</th>
          </tr>
        </thead>
        <tbody>
          {managed.map((lane) => (
            <tr key={lane.name}>
              <td>
                <div className="table__primary lane-row__id">{lane.name}</div>
              </td>
              <td>
                <div className="lane-row__model" title={lane.model}>
                  {lane.model}
                </div>
                <div className="lane-row__url" title={lane.image}>
                  {lane.image}
                </div>
              </td>
              <td>
                <ul className="alias-map">
                  {lane.servedModelNames.map((name) => (
                    <li key={name}>
                      <code title={name}>{name}</code>
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <div className="lane-row__url" title={lane.baseUrl}>
                  {lane.baseUrl}
                </div>
                <div className="lane-row__origin" title="Docker network">
                  network {lane.network}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
