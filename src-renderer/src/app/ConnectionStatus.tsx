import { useEffect, useState } from 'react';
import type { CoreStatus } from '../../../src-main/contract';
import { useClient } from '../api/client-context';
import { useAppInfoStore } from '../state/app-info-store';

const CORE_DOWN: Record<Exclude<CoreStatus['state'], 'ready'>, [string, string]> = {
  starting: ['pending', 'Core starting…'],
  restarting: ['pending', 'Core restarting…'],
  failed: ['error', 'Core stopped'],
};

/**
 * The sidebar's footer: is the core answering, over which transport, which
 * version. In the desktop app the core runs in its own process; when it
 * restarts or stops, main says so (`app.core`) and this says it too.
 */
export function ConnectionStatus() {
  const state = useAppInfoStore((s) => s.state);
  const load = useAppInfoStore((s) => s.load);
  const client = useClient();
  const [core, setCore] = useState<CoreStatus | null>(null);
  useEffect(
    () =>
      client.subscribe('app.core', (status) => {
        setCore(status);
        if (status.state === 'ready') void load(client);
      }),
    [client, load],
  );
  const via = client.transport === 'ipc' ? 'desktop' : 'web';
  const downState = core && core.state !== 'ready' ? core.state : null;
  const [tone, text] = downState
    ? CORE_DOWN[downState]
    : state.status === 'ready'
      ? ['ok', `Core ${state.info.version} · ${via}`]
      : state.status === 'error'
        ? ['error', 'Core unreachable']
        : ['pending', 'Connecting…'];
  const title =
    (downState && core?.message) || (state.status === 'error' ? state.error.message : text);
  return (
    <div className="connection" data-status={downState ?? state.status} title={title}>
      <span className={`status-dot status-dot--${tone}`} aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
