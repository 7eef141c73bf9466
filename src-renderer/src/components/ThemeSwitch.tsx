import { Monitor, Moon, Sun } from 'lucide-react';
import { useThemeStore } from '../state/theme-store';
import type { ThemeChoice } from '../state/theme-store';

const CHOICES: { value: ThemeChoice; label: string; Icon: typeof Sun }[] = [
  { value: 'light', label: 'Light', Icon: Sun },
  { value: 'dark', label: 'Dark', Icon: Moon },
  { value: 'system', label: 'System', Icon: Monitor },
];

/** A three-way segmented control: light, dark, or follow the system. */
export function ThemeSwitch() {
  const choice = useThemeStore((s) => s.choice);
  const setChoice = useThemeStore((s) => s.setChoice);
  return (
    <div className="segmented" role="radiogroup" aria-label="Theme">
      {CHOICES.map(({ value, label, Icon }) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={choice === value}
          title={`${label} theme`}
          className={choice === value ? 'segmented__item is-active' : 'segmented__item'}
          onClick={() => setChoice(value)}
        >
          <Icon size={14} aria-hidden="true" />
          <span>{label}</span>
        </button>
      ))}
    </div>
  );
}
