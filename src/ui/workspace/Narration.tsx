/**
 * A lesson's narration: its Markdown description shown as plain paragraphs, with `code`, **bold** and list
 * items rendered by hand (text only: canister and lesson text is never injected as HTML).
 */
import type { ReactNode } from 'react';

function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, i) => {
    if (part.startsWith('`') && part.endsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**') && part.endsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

export function Narration({ title, description }: { title?: string; description?: string }) {
  if (!title && !description) return null;
  const blocks = (description ?? '').split(/\n\s*\n/);
  return (
    <section className="narration" aria-label="Narration">
      {title && <h2>{title}</h2>}
      {blocks.map((block, i) => {
        const lines = block.split('\n').filter((l) => l.trim() !== '');
        if (lines.length > 0 && lines.every((l) => /^\s*[-*]\s+/.test(l))) {
          return <ul key={i}>{lines.map((l, j) => <li key={j}>{inline(l.replace(/^\s*[-*]\s+/, ''))}</li>)}</ul>;
        }
        if (lines[0]?.startsWith('#')) return <h3 key={i}>{inline(lines.join(' ').replace(/^#+\s*/, ''))}</h3>;
        return <p key={i}>{inline(lines.join(' '))}</p>;
      })}
    </section>
  );
}
