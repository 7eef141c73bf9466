import { useEffect } from 'react';
import { useClient } from '../api/client-context';
import { useFirstStart } from '../pages/onboarding/useFirstStart';
import { useAppInfoStore } from '../state/app-info-store';
import { useNavigationStore } from '../state/navigation-store';
import { PAGES } from './pages';
import { Sidebar } from './Sidebar';
import { useTheme } from './use-theme';

export function App() {
  useTheme();
  const client = useClient();
  useFirstStart(client);
  const page = useNavigationStore((s) => s.page);
  const syncFromHash = useNavigationStore((s) => s.syncFromHash);
  const loadInfo = useAppInfoStore((s) => s.load);

  useEffect(() => {
    const onHash = () => syncFromHash(window.location.hash);
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [syncFromHash]);

  useEffect(() => {
    void loadInfo(client);
  }, [client, loadInfo]);

  const { Component, label } = PAGES[page];
  useEffect(() => {
    document.title = `${label} · Homelane`;
  }, [label]);

  return (
    <div className="app">
      <Sidebar current={page} />
      <main className="content" data-page={page}>
        <Component />
      </main>
    </div>
  );
}
