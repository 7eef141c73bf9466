import { CircleAlert } from 'lucide-react';
import { useEffect } from 'react';
import { useClient } from '../../api/client-context';
import { PageHeader } from '../../components/PageHeader';
import { ThemeSwitch } from '../../components/ThemeSwitch';
import { AboutCard } from './AboutCard';
import { DataFolderCard } from './DataFolderCard';
import { KeysCard } from './KeysCard';
import { MemoryCard } from './MemoryCard';
import { PrivacyCard } from './PrivacyCard';
import { RetentionCard } from './RetentionCard';
import { useSettingsStore } from './settings-store';
import '../../components/form-controls.css';
import './settings.css';

function StorageNote({ storage }: { storage: 'ok' | 'read_only' | 'unavailable' }) {
  if (storage === 'ok') return null;
  return (
    <p className="form-message form-message--error settings-storage" role="alert">
      <CircleAlert size={14} aria-hidden="true" />
      {storage === 'read_only'
        ? 'The database was opened read-only, so settings cannot be changed now. About this Homelane says why.'
        : 'No database is open, so settings cannot be read or changed now. About this Homelane says why.'}
    </p>
  );
}

export function SettingsPage() {
  const client = useClient();
  const load = useSettingsStore((s) => s.load);
  const read = useSettingsStore((s) => s.read);
  useEffect(() => {
    void read(client);
  }, [client, read]);

  return (
    <>
      <PageHeader title="Settings" subtitle="Appearance, privacy, data and keys." />
      <div className="stack">
        <div className="card">
          <h2 className="card__title">Appearance</h2>
          <div className="setting-row">
            <div>
              <div className="setting-row__label">Theme</div>
              <div className="muted">Follow the system, or pick one.</div>
            </div>
            <ThemeSwitch />
          </div>
        </div>
        {load.status === 'loading' ? <div className="card muted">Loading settings…</div> : null}
        {load.status === 'error' ? (
          <div className="card card--error" role="alert">
            <h2 className="card__title">Settings could not be read</h2>
            <p>{load.error.message}</p>
          </div>
        ) : null}
        {load.status === 'ready' ? (
          <>
            <StorageNote storage={load.settings.storage} />
            <PrivacyCard settings={load.settings} />
            <MemoryCard />
            <RetentionCard
              key={`${load.settings.retention.maxAgeDays}/${load.settings.retention.maxRecords}`}
              settings={load.settings}
            />
            <KeysCard />
            <DataFolderCard dataDir={load.settings.dataDir} />
          </>
        ) : null}
        <AboutCard />
      </div>
    </>
  );
}
