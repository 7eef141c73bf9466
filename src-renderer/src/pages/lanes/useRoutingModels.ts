import { useEffect } from 'react';
import { useClient } from '../../api/client-context';
import { useModelDownloads } from './model-downloads-store';
import type { ListState } from './model-downloads-store';

/** The routing models, loaded on mount, with download events listened to while mounted. */
export function useRoutingModels(): ListState {
  const client = useClient();
  const list = useModelDownloads((s) => s.list);
  const attach = useModelDownloads((s) => s.attach);
  const load = useModelDownloads((s) => s.load);

  useEffect(() => {
    // Listen first, so no event is lost between the list and the subscription.
    const detach = attach(client);
    void load(client);
    return detach;
  }, [client, attach, load]);

  return list;
}
