import { PAGES, type PageId } from './route';

/** The four sections as links; the current one carries `aria-current="page"`. */
export function NavBar({ current }: { current: PageId | null }) {
  return (
    <nav className="app-nav" aria-label="Sections">
      <ul>
        {PAGES.map((page) => (
          <li key={page.id}>
            <a href={`#/${page.id}`} aria-current={page.id === current ? 'page' : undefined}>
              {page.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
