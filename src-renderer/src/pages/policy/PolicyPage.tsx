import { useEffect } from 'react';
import { useClient } from '../../api/client-context';
import { PageHeader } from '../../components/PageHeader';
import { useAppInfoStore } from '../../state/app-info-store';
import { PolicyLoadError, PolicyLoading, PolicyNoProfile } from './PolicyStates';
import { PolicyWorkspace } from './PolicyWorkspace';
import { usePolicyStore } from './policy-store';
import { useLiveConvert } from './use-live-convert';
import './policy-page.css';

export function PolicyPage() {
  const client = useClient();
  const info = useAppInfoStore((s) => s.state);
  const load = usePolicyStore((s) => s.load);
  const loadActive = usePolicyStore((s) => s.loadActive);
  useEffect(() => {
    void loadActive(client);
  }, [client, loadActive]);
  useLiveConvert(client);

  const noProfile = info.status === 'ready' && info.info.profile === null;
  return (
    <div className="policy-page">
      <PageHeader
        title="Policy editor"
        subtitle="The routing policy in force as DSL and YAML: edit it, compare, apply and roll back."
      />
      {noProfile ? (
        <PolicyNoProfile />
      ) : load.status === 'loading' ? (
        <PolicyLoading />
      ) : load.status === 'error' ? (
        <PolicyLoadError error={load.error} onRetry={() => void loadActive(client)} />
      ) : (
        <PolicyWorkspace />
      )}
    </div>
  );
}
