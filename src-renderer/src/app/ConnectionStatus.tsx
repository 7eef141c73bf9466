import { useClient } from '../api/client-context';
import { useAppInfoStore } from '../state/app-info-store';

/** The sidebar's footer: is the core answering, over which transport, which version. */
export function ConnectionStatus() {
  const state = useAppInfoStore((s) => s.state);
  const { transport } = useClient();
  const via = transport === 'ipc' ? 'desktop' : 'web';
  const [tone, text] =
    state.status === 'ready'
      ? ['ok', `Core ${state.info.version} · ${via}`]
      : state.status === 'error'
        ? ['error', 'Core unreachable']
        : ['pending', 'Connecting…'];
  return (
    <div
      className="connection"
      data-status={state.status}
      title={state.status === 'error' ? state.error.message : text}
    >
      <span className={`status-dot status-dot--${tone}`} aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
