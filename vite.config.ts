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

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), compiledLessons()],
  worker: { format: 'es' },
  build: { target: 'es2022' },
  // Pre-bundle Monaco's entry and moc.js at start-up, so the dev server does not reload the page the first time the
  // lazily loaded editor or the Motoko worker appears.
  optimizeDeps: { include: ['monaco-editor/editor/editor.api', 'motoko/versions/latest/moc.min.js'] },
});
