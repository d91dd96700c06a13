/** Shown for a section whose page is not part of this build yet. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <section className="panel coming-soon" aria-labelledby="page-title">
      <h2 id="page-title" tabIndex={-1}>
        {title}
      </h2>
      <p>This section is coming soon. The Check and Models pages already work.</p>
      <p>
        <a href="#/check">Go to Check</a>
      </p>
    </section>
  );
}
