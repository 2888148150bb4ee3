import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compiledLessons } from './scripts/compiledLessons.ts';

/**
 * The Content-Security-Policy of the built app: scripts only from the app itself (no inline script), Wasm
 * allowed, scenario files fetchable from anywhere (`?scenario=<url>`). Added at build time only, because the
 * dev server's hot-reload preamble is an inline script.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

/**
 * @dfinity/candid's index re-exports its DOM form builders (candid-ui.js, candid-core.js), which nothing here uses;
 * their `class … extends IDL.Visitor` counts as a side effect, so without this rule they stay in the engine worker,
 * about 2 KB gzip on every page's critical path (issue 16, target 7).
 */
const treeshake = { moduleSideEffects: [{ test: /@dfinity\/candid\/lib\/esm\/candid-(ui|core)\.js$/, sideEffects: false }] };

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), compiledLessons()],
  worker: { format: 'es', rolldownOptions: { treeshake } },
  build: { target: 'es2022', rolldownOptions: { treeshake } },
  // Pre-bundle Monaco's entry and moc.js at start-up, so the dev server does not reload the page the first time the
  // lazily loaded editor or the Motoko worker appears.
  optimizeDeps: { include: ['monaco-editor/editor/editor.api', 'motoko/versions/latest/moc.min.js'] },
});
