import { PageHeader } from '../../components/PageHeader';
import { ThemeSwitch } from '../../components/ThemeSwitch';
import { AboutCard } from './AboutCard';

export function SettingsPage() {
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
        <AboutCard />
      </div>
    </>
  );
}
