import { useEffect } from 'react';
import { useClient } from '../../api/client-context';
import { useAppInfoStore } from '../../state/app-info-store';
import { useModelDownloads } from '../lanes/model-downloads-store';
import { useOnboarding } from './onboarding-store';
import { usePrivacyChoiceStore } from './privacy-choice';

const ESCALATION = {
  never: 'never to the cloud',
  allow: 'as the profile decides',
  ask: 'ask each time',
} as const;

/** Step 5: what was set up, before the person starts using Homelane. */
export function DoneStep() {
  const client = useClient();
  const info = useAppInfoStore((s) => s.state);
  const loadInfo = useAppInfoStore((s) => s.load);
  const saved = useOnboarding((s) => s.saved);
  const list = useModelDownloads((s) => s.list);
  const downloads = useModelDownloads((s) => s.downloads);
  const escalation = usePrivacyChoiceStore((s) => s.inForce);

  useEffect(() => {
    void loadInfo(client);
  }, [client, loadInfo]);

  const installed =
    list.status === 'ready' ? list.list.models.filter((m) => m.status === 'installed').length : 0;
  const running = Object.values(downloads).filter((d) => d.state === 'running').length;
  return (
    <div className="card" data-testid="onboarding-done">
      <h2 className="card__title">Ready</h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>Routing profile</dt>
          <dd>
            {info.status === 'ready' && info.info.profile
              ? `${info.info.profile.name} (${info.info.profile.source})`
              : '—'}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Lanes set up now</dt>
          <dd>{saved.lanes.join(', ') || 'none (add them on the Lanes & models page)'}</dd>
        </div>
        <div className="facts__row">
          <dt>Keys saved now</dt>
          <dd>{saved.keys.join(', ') || 'none'}</dd>
        </div>
        <div className="facts__row">
          <dt>Routing models</dt>
          <dd>
            {installed} installed{running > 0 ? `, ${running} downloading` : ''}
            {installed === 0 && running === 0 ? ' — routing runs in lite mode' : ''}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Cloud escalation</dt>
          <dd>{escalation ? ESCALATION[escalation] : '—'}</dd>
        </div>
      </dl>
    </div>
  );
}
