/**
 * What can be checked without a browser: the first render is the plain-text fallback holding the value, and
 * Monaco is reachable only through loadMonaco()'s dynamic import (the lazy-loading rule; `vite build` shows the
 * resulting chunks).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WatEditor } from './WatEditor.tsx';

const HERE = dirname(new URL(import.meta.url).pathname);

describe('WatEditor', () => {
  it('renders the plain-text fallback with the value before Monaco has loaded', () => {
    const html = renderToStaticMarkup(createElement(WatEditor, { value: '(module "<x>")', onChange: () => {}, diagnostics: [] }));
    expect(html).toContain('<textarea');
    expect(html).toContain('(module &quot;&lt;x&gt;&quot;)');
    expect(html).toContain('aria-label="WAT source"');
  });

  it('marks the fallback read-only and invalid when asked', () => {
    const html = renderToStaticMarkup(createElement(WatEditor, { value: '', onChange: () => {}, diagnostics: [{ line: 1, column: 1, message: 'x' }], readOnly: true }));
    expect(html).toMatch(/readonly=""/i);
    expect(html).toContain('aria-invalid="true"');
  });

  it('imports Monaco at runtime only in monacoSetup.ts, which only a dynamic import loads', () => {
    const sources = readdirSync(HERE).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
    const staticMonaco = sources.filter((f) => /^import (?!type )[^;]*'monaco-editor/m.test(readFileSync(join(HERE, f), 'utf8')));
    expect(staticMonaco).toEqual(['monacoSetup.ts']);
    const importsSetup = sources.filter((f) => /from '\.\/monacoSetup\.ts'|import\('\.\/monacoSetup\.ts'\)/.test(readFileSync(join(HERE, f), 'utf8')));
    expect(importsSetup).toEqual(['loadMonaco.ts']);
    expect(readFileSync(join(HERE, 'loadMonaco.ts'), 'utf8')).toContain("import('./monacoSetup.ts')");
  });
});
