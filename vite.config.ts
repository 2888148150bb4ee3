import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022' },
  // Pre-bundle Monaco's entry at start-up, so the dev server does not reload the page the first time the
  // lazily loaded editor appears.
  optimizeDeps: { include: ['monaco-editor/editor/editor.api'] },
});
