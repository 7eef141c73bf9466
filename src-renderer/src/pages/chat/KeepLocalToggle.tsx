import { House, Lock } from 'lucide-react';
import { useAppInfoStore } from '../../state/app-info-store';
import { useChatStore } from './chat-store';

// The open chat's "keep local" switch: while on, only lanes on this machine or
// your network answer it, whatever the policy or the cloud setting says. A
// conversation that turned private is kept there anyway; the switch says so.

const CLOUD_SETTING = {
  never: 'Cloud lanes are off.',
  allow: 'Cloud lanes may answer what is not private.',
  ask: 'Cloud lanes ask you first.',
} as const;

export function KeepLocalToggle() {
  const keepLocal = useChatStore((s) => s.keepLocal);
  const setKeepLocal = useChatStore((s) => s.setKeepLocal);
  const isPrivate = useChatStore((s) =>
    s.list.status === 'ready' && s.activeId
      ? (s.list.value.find((item) => item.id === s.activeId)?.private ?? false)
      : false,
  );
  const info = useAppInfoStore((s) => s.state);
  const cloud = info.status === 'ready' ? CLOUD_SETTING[info.info.cloudEscalation] : '';

  if (isPrivate) {
    return (
      <span
        className="chat-toggle is-on is-fixed"
        data-testid="private-chat"
        title="A message in this chat was private, so the whole chat stays on local and LAN lanes."
      >
        <Lock size={13} aria-hidden="true" /> Private chat: stays local
      </span>
    );
  }
  return (
    <button
      type="button"
      role="switch"
      aria-checked={keepLocal}
      className={keepLocal ? 'chat-toggle is-on' : 'chat-toggle'}
      data-testid="keep-local"
      title={
        keepLocal
          ? 'On: only lanes on this machine or your network answer this chat.'
          : `Off: the policy chooses the lane. ${cloud}`
      }
      onClick={() => void setKeepLocal(!keepLocal)}
    >
      <span className="chat-toggle__track" aria-hidden="true">
        <span className="chat-toggle__thumb" />
      </span>
      <House size={13} aria-hidden="true" />
      Keep local
    </button>
  );
}
