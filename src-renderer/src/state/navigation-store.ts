import { create } from 'zustand';
import { DEFAULT_PAGE, isPageId } from '../app/page-ids';
import type { PageId } from '../app/page-ids';

/** Pages are addressed by the URL hash (#/chat) so reload and back work everywhere. */
export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isPageId(id) ? id : DEFAULT_PAGE;
}

interface NavigationState {
  page: PageId;
  syncFromHash(hash: string): void;
}

export const useNavigationStore = create<NavigationState>((set) => ({
  page: DEFAULT_PAGE,
  syncFromHash: (hash) => set({ page: pageFromHash(hash) }),
}));
