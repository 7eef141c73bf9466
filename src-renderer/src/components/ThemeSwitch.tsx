import { Monitor, Moon, Sun } from 'lucide-react';
import { useThemeStore } from '../state/theme-store';
import type { ThemeChoice } from '../state/theme-store';
import { Segmented } from './Segmented';
import type { SegmentedOption } from './Segmented';

const CHOICES: SegmentedOption<ThemeChoice>[] = [
  { id: 'light', label: 'Light', icon: Sun, title: 'Light theme' },
  { id: 'dark', label: 'Dark', icon: Moon, title: 'Dark theme' },
  { id: 'system', label: 'System', icon: Monitor, title: 'System theme' },
];

/** A three-way segmented control: light, dark, or follow the system. */
export function ThemeSwitch() {
  const choice = useThemeStore((s) => s.choice);
  const setChoice = useThemeStore((s) => s.setChoice);
  return <Segmented label="Theme" options={CHOICES} value={choice} onChange={setChoice} />;
}
