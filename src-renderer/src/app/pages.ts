import type { LucideIcon } from 'lucide-react';
import {
  BarChart3,
  FileCode2,
  FlaskConical,
  History,
  MessageSquare,
  Network,
  Rocket,
  Server,
  Settings,
} from 'lucide-react';
import type { ComponentType } from 'react';
import { ChatPage } from '../pages/chat/ChatPage';
import { InsightsPage } from '../pages/insights/InsightsPage';
import { LanesPage } from '../pages/lanes/LanesPage';
import { WelcomePage } from '../pages/onboarding/WelcomePage';
import { PlaygroundPage } from '../pages/playground/PlaygroundPage';
import { PolicyPage } from '../pages/policy/PolicyPage';
import { ReplayPage } from '../pages/replay/ReplayPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { TopologyPage } from '../pages/topology/TopologyPage';
import type { PageId } from './page-ids';

export interface PageEntry {
  id: PageId;
  label: string;
  icon: LucideIcon;
  section: 'Start' | 'Work' | 'Policy' | 'Review' | 'System';
  Component: ComponentType;
}

export const PAGES: Record<PageId, PageEntry> = {
  welcome: {
    id: 'welcome',
    label: 'Get started',
    icon: Rocket,
    section: 'Start',
    Component: WelcomePage,
  },
  chat: { id: 'chat', label: 'Chat', icon: MessageSquare, section: 'Work', Component: ChatPage },
  playground: {
    id: 'playground',
    label: 'Playground',
    icon: FlaskConical,
    section: 'Work',
    Component: PlaygroundPage,
  },
  policy: {
    id: 'policy',
    label: 'Policy editor',
    icon: FileCode2,
    section: 'Policy',
    Component: PolicyPage,
  },
  topology: {
    id: 'topology',
    label: 'Topology',
    icon: Network,
    section: 'Policy',
    Component: TopologyPage,
  },
  replay: {
    id: 'replay',
    label: 'Replay',
    icon: History,
    section: 'Review',
    Component: ReplayPage,
  },
  insights: {
    id: 'insights',
    label: 'Insights',
    icon: BarChart3,
    section: 'Review',
    Component: InsightsPage,
  },
  lanes: {
    id: 'lanes',
    label: 'Lanes & models',
    icon: Server,
    section: 'System',
    Component: LanesPage,
  },
  settings: {
    id: 'settings',
    label: 'Settings',
    icon: Settings,
    section: 'System',
    Component: SettingsPage,
  },
};
