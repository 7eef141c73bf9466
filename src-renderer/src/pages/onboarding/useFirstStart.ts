import { useEffect } from 'react';
import type { HomelaneClient } from '../../../../src-main/contract';

/**
 * On the first start (onboarding never finished on this machine), an app
 * opened without a page in its address opens onboarding.
 */
export function useFirstStart(client: HomelaneClient): void {
  useEffect(() => {
    let live = true;
    if (window.location.hash.replace(/^#\/?/, '') !== '') return;
    void client.call('onboarding.state', {}).then((result) => {
      if (!live || !result.ok || result.data.completed) return;
      if (window.location.hash.replace(/^#\/?/, '') === '') window.location.hash = '#/welcome';
    });
    return () => {
      live = false;
    };
  }, [client]);
}
