/** Every page of PRODUCT.md §5, in the order the navigation shows them. */
export const PAGE_IDS = [
  'welcome',
  'chat',
  'playground',
  'policy',
  'topology',
  'replay',
  'insights',
  'lanes',
  'settings',
] as const;

export type PageId = (typeof PAGE_IDS)[number];

export const DEFAULT_PAGE: PageId = 'chat';

export function isPageId(value: string): value is PageId {
  return (PAGE_IDS as readonly string[]).includes(value);
}
