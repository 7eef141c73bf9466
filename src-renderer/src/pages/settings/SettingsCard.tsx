import type { ReactNode } from 'react';

interface SettingsCardProps {
  /** Names the card for tests (`data-testid`) and its title's id (`<name>-title`). */
  name: string;
  title: string;
  /** What the setting does, under the title. */
  lead: ReactNode;
  children: ReactNode;
}

/** A Settings card: its title, a line on what it governs, then its controls. */
export function SettingsCard({ name, title, lead, children }: SettingsCardProps) {
  return (
    <section className="card" aria-labelledby={`${name}-title`} data-testid={name}>
      <h2 className="card__title" id={`${name}-title`}>
        {title}
      </h2>
      <p className="muted">{lead}</p>
      {children}
    </section>
  );
}
