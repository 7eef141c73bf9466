import { Cloud, CloudOff, MessageCircleQuestion } from 'lucide-react';
import type { SettingsView } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { FormMessage } from '../../components/FormMessage';
import { useAppInfoStore } from '../../state/app-info-store';
import { SettingsCard } from './SettingsCard';
import { IDLE_SAVE, useSettingsStore } from './settings-store';

type Escalation = SettingsView['privacy']['cloudEscalation'];

const CHOICES: { value: Escalation; label: string; detail: string; Icon: typeof Cloud }[] = [
  {
    value: 'never',
    label: 'Never',
    detail:
      'Everything stays on this machine and your network, even when a policy names a cloud model.',
    Icon: CloudOff,
  },
  {
    value: 'allow',
    label: 'When not private',
    detail: 'Requests that are not private go where the policy sends them, cloud included.',
    Icon: Cloud,
  },
  {
    value: 'ask',
    label: 'Ask each time',
    detail: 'A request the policy sends to the cloud waits for your yes in the chat.',
    Icon: MessageCircleQuestion,
  },
];

/** Cloud escalation: the privacy switch the core honours on every request. */
export function PrivacyCard({ settings }: { settings: SettingsView }) {
  const client = useClient();
  const save = useSettingsStore((s) => s.save);
  const saveState = useSettingsStore((s) => s.saves['privacy'] ?? IDLE_SAVE);
  const loadInfo = useAppInfoStore((s) => s.load);
  const current = settings.privacy.cloudEscalation;
  const choose = async (value: Escalation) => {
    if (value === current) return;
    if (await save(client, 'privacy', { privacy: { cloudEscalation: value } }))
      void loadInfo(client);
  };
  return (
    <SettingsCard
      name="privacy"
      title="Cloud lanes"
      lead="Private requests — personal data, secrets, your memory, private conversations — never leave this machine and your network, whatever you choose here."
    >
      <div className="choice-list" role="radiogroup" aria-label="Cloud escalation">
        {CHOICES.map(({ value, label, detail, Icon }) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={current === value}
            className={current === value ? 'choice is-active' : 'choice'}
            disabled={settings.storage !== 'ok' || saveState.status === 'saving'}
            onClick={() => void choose(value)}
          >
            <Icon size={16} aria-hidden="true" />
            <span className="choice__text">
              <span className="choice__label">{label}</span>
              <span className="choice__detail">{detail}</span>
            </span>
          </button>
        ))}
      </div>
      {saveState.status === 'failed' ? (
        <FormMessage tone="error">{saveState.error.message}</FormMessage>
      ) : null}
    </SettingsCard>
  );
}
