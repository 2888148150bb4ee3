/**
 * The browser playground's shell. The full app (editor, graph, timeline, inspector, lessons) is issue #4;
 * until then this page says what the project is and how to run the engine from the command line.
 */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto', lineHeight: 1.5 }}>
      <h1>Canister Playground</h1>
      <p>An Internet Computer subnet in a browser tab: write canisters in WAT, deploy them, call them, and watch the canister model happen.</p>
      <p>
        The deterministic engine is ready and runs headless today:
        <code style={{ display: 'block', margin: '0.5rem 0' }}>npx canister-playground run examples/counter.json</code>
        The interactive playground is being built on top of it.
      </p>
    </main>
  );
}
