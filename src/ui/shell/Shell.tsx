import { Suspense, useEffect, useRef } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ComingSoon } from './ComingSoon';
import { ModelChip } from './ModelChip';
import { NavBar } from './NavBar';
import { NotFound } from './NotFound';
import { PAGE_COMPONENTS } from './pages';
import { PAGES, routeHash, sectionOf } from './route';
import { useRoute } from './useRoute';

/** Header, section navigation and the current page. */
export function Shell() {
  const route = useRoute();
  const section = sectionOf(route);
  const main = useRef<HTMLElement>(null);
  const key = routeHash(route);
  const firstRender = useRef(true);

  useEffect(() => {
    const title = PAGES.find((page) => page.id === section)?.label;
    document.title = title ? `${title} · RoGuard Web` : 'RoGuard Web';
    // Move focus to the new page's heading so keyboard and screen reader users land on it.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const focusHeading = () => main.current?.querySelector<HTMLElement>('h2')?.focus();
    const frame = requestAnimationFrame(focusHeading);
    return () => cancelAnimationFrame(frame);
  }, [key, section]);

  let page: React.ReactNode;
  if (route.page === 'not-found') {
    page = <NotFound path={route.path} />;
  } else {
    const Page = PAGE_COMPONENTS[route.page];
    const label = PAGES.find((p) => p.id === route.page)!.label;
    page = Page ? <Page {...(route.page === 'runs' && route.runId !== undefined ? { runId: route.runId } : {})} /> : <ComingSoon title={label} />;
    page = (
      <ErrorBoundary key={key} what={`the ${label} page`}>
        <Suspense fallback={<p role="status">Loading the {label} page…</p>}>{page}</Suspense>
      </ErrorBoundary>
    );
  }

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash is the router's: move focus without changing it.
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="brand">
            <h1>RoGuard Web</h1>
            <p>The RoGuard 1.0 safety guard, running in your browser.</p>
          </div>
          <ModelChip />
          <NavBar current={section} />
        </div>
      </header>
      <main id="main" className="app-main" ref={main} tabIndex={-1}>
        {page}
      </main>
      <footer className="app-footer">
        <p>Everything you check stays on this device: the model runs in this page, no server sees your text.</p>
      </footer>
    </>
  );
}
