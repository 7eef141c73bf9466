import type { LanesList } from '../../../../src-main/contract';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormMessage } from '../../components/FormMessage';
import { AddEndpointForm } from './AddEndpointForm';
import { useAddEndpointStore } from './add-endpoint-store';
import { LanesCardHeader } from './LanesCardHeader';
import { LocalityBadge } from './LocalityBadge';
import { plural } from './lane-format';
import { useLaneChanges } from './useLaneChanges';
import './lanes-admin.css';

interface LanEndpointsCardProps {
  endpoints: LanesList['endpoints'];
  /** The lanes the core answered after a change. */
  onChanged(list: LanesList): void;
}

/** The OpenAI-compatible servers added on this machine, which alias goes to which model, and adding one. */
export function LanEndpointsCard({ endpoints, onChanged }: LanEndpointsCardProps) {
  const open = useAddEndpointStore((s) => s.open);
  const setOpen = useAddEndpointStore((s) => s.setOpen);
  const { changed, forget, forgetError } = useLaneChanges(onChanged);

  return (
    <section
      className="card"
      aria-labelledby="lan-endpoints-title"
      data-testid="lan-endpoints-card"
    >
      <LanesCardHeader
        titleId="lan-endpoints-title"
        title="Network endpoints"
        summary={
          endpoints.length > 0
            ? `${plural(endpoints.length, 'server')} on your network. Each mapped alias is a lane.`
            : 'Servers on your network: vLLM, llama.cpp, Ollama, LM Studio or any OpenAI-compatible one.'
        }
        addLabel="Add a server"
        adding={open}
        onAdd={() => setOpen(true)}
      />
      {open ? <AddEndpointForm onSaved={changed} /> : null}
      {forgetError ? <FormMessage tone="error">{forgetError.message}</FormMessage> : null}
      {endpoints.length > 0 ? (
        <table className="table lanes-table" data-testid="lan-endpoints">
          <colgroup>
            <col className="lanes-col--name" />
            <col className="lanes-col--address" />
            <col />
            <col className="lanes-col--forget" />
          </colgroup>
          <thead>
            <tr>
              <th>Name</th>
              <th>Address</th>
              <th>Alias → model on the server</th>
              <th>
                <span className="lanes-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.name} data-endpoint={endpoint.name}>
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
                <td className="lane-row__action">
                  <ConfirmButton
                    label="Forget"
                    ariaLabel={`Forget ${endpoint.name}`}
                    question={`Forget ${endpoint.name}?`}
                    onConfirm={() => void forget(endpoint.name)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
