import { useEffect } from 'react';
import { useClient } from '../../api/client-context';
import { useAppInfoStore } from '../../state/app-info-store';
import { ProfilePreviewPanel } from './ProfilePreviewPanel';
import { ProfileSourcePicker } from './ProfileSourcePicker';
import { useOnboarding } from './onboarding-store';

/** Step 1: choose the routing profile, see it, apply it. */
export function ProfileStep() {
  const client = useClient();
  const mode = useOnboarding((s) => s.mode);
  const idle = useOnboarding((s) => s.preview.status === 'idle');
  const loadPreview = useOnboarding((s) => s.loadPreview);
  const info = useAppInfoStore((s) => s.state);

  useEffect(() => {
    if (mode === 'builtin' && idle) void loadPreview(client, { source: 'builtin' });
  }, [client, mode, idle, loadPreview]);

  return (
    <div className="stack">
      <div className="card">
        <h2 className="card__title">Choose a routing profile</h2>
        <p className="muted onb-lead">
          The profile decides which model answers each request and what must stay local.
          {info.status === 'ready' && info.info.profile
            ? ` In force now: ${info.info.profile.name}.`
            : ''}{' '}
          Nothing changes until you apply one.
        </p>
        <ProfileSourcePicker />
      </div>
      <ProfilePreviewPanel />
    </div>
  );
}
