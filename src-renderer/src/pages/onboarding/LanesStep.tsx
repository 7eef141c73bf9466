import { CloudKeySetup } from './CloudKeySetup';
import { LanEndpointSetup } from './LanEndpointSetup';
import { ManagedLaneSetup } from './ManagedLaneSetup';

/** Step 2: where the profile's models answer — a container, a server at home, a cloud key. */
export function LanesStep() {
  return (
    <div className="stack">
      <div className="card">
        <h2 className="card__title">Set up model lanes</h2>
        <p className="muted">
          A lane is a place a model answers. Set up any of these now, or skip and add them later on
          the Lanes &amp; models page.
        </p>
      </div>
      <ManagedLaneSetup />
      <LanEndpointSetup />
      <CloudKeySetup />
    </div>
  );
}
