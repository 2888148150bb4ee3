/**
 * A lesson's narration, following the playhead: cut into sections tied to rounds (`narrationSections`), the one
 * for the current round highlighted and scrolled into view. Markdown is rendered by react-markdown
 * (`NarrationMarkdown`), loaded after the first graph; until then each section shows as plain paragraphs.
 */
import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { currentSection, narrationSections } from './narrationSections.ts';
import { plainMarkdown } from './plainMarkdown.ts';
import { useAfterFirstGraph } from '../app/afterFirstGraph.ts';

const NarrationMarkdown = lazy(() => import('./NarrationMarkdown.tsx'));

function PlainSection({ markdown }: { readonly markdown: string }) {
  return <>{plainMarkdown(markdown).map((paragraph, i) => <p key={i}>{paragraph}</p>)}</>;
}

export interface NarrationProps {
  readonly description?: string;
  readonly round: number;
  /** Moves the playhead to a section's first round. */
  readonly onSeek: (round: number) => void;
}

export function Narration({ description, round, onSeek }: NarrationProps) {
  const sections = useMemo(() => narrationSections(description ?? ''), [description]);
  const current = currentSection(sections, round);
  const currentRef = useRef<HTMLDivElement>(null);
  const rendered = useAfterFirstGraph();
  useEffect(() => {
    // In the next frame, before it is laid out: scrolling now would force a layout in the middle of the commit (the
    // first graph's commit: about 30 ms of a page's start, issue 16 target 7), done again once the other effects
    // have changed the page.
    const frame = requestAnimationFrame(() => currentRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));
    return () => cancelAnimationFrame(frame);
  }, [current]);
  if (!description) return null;
  return (
    <section className="narration" aria-label="Narration">
      {sections.map((section, i) => (
        <div
          key={i}
          ref={i === current ? currentRef : undefined}
          className={i === current ? 'narration-section current' : 'narration-section'}
          aria-current={i === current ? 'step' : undefined}
          data-testid="narration-section"
        >
          {section.rounds && (
            <button type="button" className="narration-seek" onClick={() => onSeek(section.rounds!.from)}
              title={`Show round ${section.rounds.from}`}>
              ▸ round {section.rounds.from}{section.rounds.to !== section.rounds.from ? `–${section.rounds.to}` : ''}
            </button>
          )}
          {rendered
            ? <Suspense fallback={<PlainSection markdown={section.markdown} />}><NarrationMarkdown markdown={section.markdown} /></Suspense>
            : <PlainSection markdown={section.markdown} />}
        </div>
      ))}
    </section>
  );
}
