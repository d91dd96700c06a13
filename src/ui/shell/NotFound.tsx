export function NotFound({ path }: { path: string }) {
  return (
    <section className="panel" aria-labelledby="page-title">
      <h2 id="page-title" tabIndex={-1}>
        Page not found
      </h2>
      <p>
        There is no page at <code>{path}</code>.
      </p>
      <p>
        <a href="#/check">Go to Check</a>
      </p>
    </section>
  );
}
