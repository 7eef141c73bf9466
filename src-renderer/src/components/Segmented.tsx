import type { LucideIcon } from 'lucide-react';

export interface SegmentedOption<T extends string> {
  id: T;
  label: string;
  icon?: LucideIcon;
  /** A tooltip, where the label alone says too little. */
  title?: string;
}

interface SegmentedProps<T extends string> {
  /** The group's accessible name. */
  label: string;
  options: readonly SegmentedOption<T>[];
  value: T;
  onChange(id: T): void;
}

/** One choice of a few, as joined buttons: a radio group to assistive technology. */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
}: SegmentedProps<T>) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map(({ id, label: text, icon: Icon, title }) => (
        <button
          key={id}
          type="button"
          role="radio"
          aria-checked={value === id}
          title={title}
          className={value === id ? 'segmented__item is-active' : 'segmented__item'}
          onClick={() => onChange(id)}
        >
          {Icon ? <Icon size={14} aria-hidden="true" /> : null}
          {text}
        </button>
      ))}
    </div>
  );
}
