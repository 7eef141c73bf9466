import { useEffect, useState } from 'react';
import { resolveTheme, useThemeStore } from '../state/theme-store';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Applies the chosen theme to <html data-theme> and follows system changes. */
export function useTheme(): void {
  const choice = useThemeStore((s) => s.choice);
  const [prefersDark, setPrefersDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const onChange = (event: MediaQueryListEvent) => setPrefersDark(event.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  useEffect(() => {
    document.documentElement.dataset['theme'] = resolveTheme(choice, prefersDark);
  }, [choice, prefersDark]);
}
