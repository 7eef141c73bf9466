import { Cloud, House, Laptop } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { Locality } from './chat-types';

const LOCALITY: Record<Locality, { label: string; icon: LucideIcon; meaning: string }> = {
  local: { label: 'Local', icon: Laptop, meaning: 'answered on this machine' },
  lan: { label: 'LAN', icon: House, meaning: 'answered on your own network' },
  cloud: { label: 'Cloud', icon: Cloud, meaning: 'answered by a lane outside your network' },
};

/** Where a reply was answered, as icon and word (never colour alone). */
export function LocalityChip({ locality }: { locality: Locality }) {
  const { label, icon: Icon, meaning } = LOCALITY[locality];
  return (
    <span
      className={`locality-badge locality-badge--${locality}`}
      title={`${label}: ${meaning}`}
      data-locality={locality}
    >
      <Icon size={12} strokeWidth={2} aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}
