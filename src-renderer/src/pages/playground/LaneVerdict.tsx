import { ShieldAlert, ShieldCheck } from 'lucide-react';
import type { PlaygroundRoute } from '../../../../src-main/contract';
import { LocalityChip } from '../chat/LocalityChip';

// Where the request would go: the first lane the egress guard allows, every
// lane of the plan with the guard's verdict, and the privacy verdict.

const SOURCE: Record<string, string> = {
  selected: 'the chosen model',
  model_ref: 'a fallback model',
  default_model: 'the default model',
  guard_reroute: 'the guard re-routed here',
};

export function LaneVerdict({ answer }: { answer: PlaygroundRoute }) {
  return (
    <>
      {answer.lane ? (
        <p className="playground-lane" data-testid="playground-lane">
          Would go to <strong>{answer.lane.laneId}</strong>{' '}
          <LocalityChip locality={answer.lane.locality} />
        </p>
      ) : (
        <p className="playground-lane playground-lane--none" role="status">
          No lane may take this request
          {answer.lanes.length === 0 ? ': no lane serves its model.' : '.'}
        </p>
      )}
      {answer.lanes.length > 0 ? (
        <ol className="playground-plan">
          {answer.lanes.map((lane, index) => (
            <li key={`${lane.laneId}-${index}`} data-allowed={lane.allowed}>
              <span>{lane.laneId}</span>
              <LocalityChip locality={lane.locality} />
              <span className="muted">{SOURCE[lane.source] ?? lane.source}</span>
              {lane.refusal ? (
                <span className="playground-plan__refusal">{lane.refusal}</span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      <div className={answer.private ? 'playground-privacy is-private' : 'playground-privacy'}>
        {answer.private ? (
          <ShieldAlert size={16} aria-hidden="true" />
        ) : (
          <ShieldCheck size={16} aria-hidden="true" />
        )}
        <div>
          <strong>{answer.private ? 'Private' : 'Not private'}</strong>
          <span className="muted">
            {answer.private
              ? ' — only local and LAN lanes may answer it.'
              : ' — any lane the policy and your cloud setting allow may answer it.'}
          </span>
          {answer.privacyReasons.length > 0 ? (
            <ul className="trace-list">
              {answer.privacyReasons.map((reason, index) => (
                <li key={index}>
                  <code>{reason.kind}</code> {reason.detail}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </>
  );
}
