import { useState } from 'react';
import type { ApiErrorData, LanesList } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { useLaneHealthStore } from '../../state/lane-health-store';

/**
 * A card's changes to the lanes: `changed` hands the core's new list up and
 * reads the lanes' health again; `forget` removes a server or a container by
 * name, keeping a refusal in `forgetError` to show.
 */
export function useLaneChanges(onChanged: (list: LanesList) => void) {
  const client = useClient();
  const refreshHealth = useLaneHealthStore((s) => s.refresh);
  const [forgetError, setForgetError] = useState<ApiErrorData | null>(null);

  const changed = (list: LanesList) => {
    onChanged(list);
    void refreshHealth(client);
  };
  const forget = async (name: string) => {
    setForgetError(null);
    const result = await client.call('lanes.forget', { name });
    if (result.ok) changed(result.data.lanes);
    else setForgetError(result.error);
  };
  return { changed, forget, forgetError };
}
