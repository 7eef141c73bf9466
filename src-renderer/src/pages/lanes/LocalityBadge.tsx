import { Cloud, House, Laptop } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { LaneView } from '../../../../src-main/contract';
import { localitySourceLabel } from './lane-format';

type Locality = LaneView['locality'];

const LOCALITY: Record<Locality, { label: string; icon: LucideIcon; meaning: string }> = {
  local: {
    label: 'Local',
    icon: Laptop,
    meaning: 'runs on this machine; private work may go here',
  },
  lan: {
    label: 'LAN',
    icon: House,
    meaning: 'runs on your private network; private work may go here',
  },
  cloud: {
    label: 'Cloud',
    icon: Cloud,
    meaning: 'leaves your network; private work never goes here',
  },
};

interface LocalityBadgeProps {
  locality: Locality;
  /** Where the locality came from (shown in the tooltip). */
  source?: string;
}

/** Where a lane runs, as icon and word (never colour alone). */
export function LocalityBadge({ locality, source }: LocalityBadgeProps) {
  const { label, icon: Icon, meaning } = LOCALITY[locality];
  const title =
    source === undefined
      ? `${label}: ${meaning}`
      : `${label}: ${meaning}. Known from ${localitySourceLabel(source)}.`;
  return (
    <span
      className={`locality-badge locality-badge--${locality}`}
      title={title}
      data-locality={locality}
    >
      <Icon size={13} strokeWidth={2} aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}
