import { PAGE_IDS } from './page-ids';
import type { PageId } from './page-ids';
import { PAGES } from './pages';
import type { PageEntry } from './pages';
import { ConnectionStatus } from './ConnectionStatus';
import { LaneAlert } from './LaneAlert';

function groupBySection(): [PageEntry['section'], PageEntry[]][] {
  const groups = new Map<PageEntry['section'], PageEntry[]>();
  for (const id of PAGE_IDS) {
    const page = PAGES[id];
    groups.set(page.section, [...(groups.get(page.section) ?? []), page]);
  }
  return [...groups.entries()];
}

const SECTIONS = groupBySection();

export function Sidebar({ current }: { current: PageId }) {
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <img className="brand-mark" src="favicon.svg" alt="" />
        <span className="brand-name">Homelane</span>
      </div>
      <nav className="sidebar__nav" aria-label="Pages">
        {SECTIONS.map(([section, pages]) => (
          <div key={section} className="nav-section">
            <div className="nav-section__label">{section}</div>
            {pages.map(({ id, label, icon: Icon }) => (
              <a
                key={id}
                href={`#/${id}`}
                className={id === current ? 'nav-link is-active' : 'nav-link'}
                aria-current={id === current ? 'page' : undefined}
                data-page={id}
              >
                <Icon size={16} aria-hidden="true" />
                <span>{label}</span>
                {id === 'lanes' ? <LaneAlert /> : null}
              </a>
            ))}
          </div>
        ))}
      </nav>
      <ConnectionStatus />
    </aside>
  );
}
