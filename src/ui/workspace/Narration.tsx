/**
 * A lesson's narration, following the playhead: cut into sections tied to rounds (`narrationSections`), the one
 * for the current round highlighted and scrolled into view. Markdown is rendered by react-markdown, which builds
 * React elements and never injects HTML: lesson and canister text stays text.
 */
import { useEffect, useMemo, useRef } from 'react';
import Markdown from 'react-markdown';
import { currentSection, narrationSections } from './narrationSections.ts';

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
  useEffect(() => {
    currentRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
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
          <Markdown skipHtml>{section.markdown}</Markdown>
        </div>
      ))}
    </section>
  );
}
