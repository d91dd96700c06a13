export function App() {
  return (
    <main>
      <h1>RoGuard Web</h1>
      <p>The RoGuard 1.0 safety guard, running on your own GPU.</p>
    </main>
  );
}
