/**
 * A lesson's narration cut into sections tied to the rounds they talk about, so the part for the playhead can be
 * highlighted. A paragraph whose bold lead names a round or a range (`**Round 2.**`, `**Rounds 4 to 6: …**`,
 * `**Execution (round 1).**`), or that opens with one (`In round 4 …`, `After round 3 …`), starts a section;
 * paragraphs after it belong to it until the next one. Paragraphs before the first are the introduction (round
 * null). Documented in docs/SCENARIO-EXTENSIONS.md ("Narration").
 */
export interface NarrationSection {
  /** Markdown of the section's paragraphs. */
  readonly markdown: string;
  /** The rounds it talks about, or null for the introduction. */
  readonly rounds: { readonly from: number; readonly to: number } | null;
}

const ROUNDS = /\brounds?\s+(\d+)(?:\s*(?:to|and|-|–)\s*(\d+))?/i;
const BOLD_LEAD = /^\*\*([^*]+)\*\*/;
const OPENING = /^(?:in|after|from)\s+rounds?\s+\d+/i;

function roundsOf(paragraph: string): NarrationSection['rounds'] {
  const text = paragraph.trim();
  const lead = BOLD_LEAD.exec(text)?.[1] ?? (OPENING.test(text) ? text.slice(0, 40) : null);
  const match = lead ? ROUNDS.exec(lead) : null;
  if (!match) return null;
  const from = Number(match[1]);
  return { from, to: match[2] === undefined ? from : Math.max(from, Number(match[2])) };
}

export function narrationSections(markdown: string): NarrationSection[] {
  const sections: { paragraphs: string[]; rounds: NarrationSection['rounds'] }[] = [];
  for (const paragraph of markdown.split(/\n\s*\n/)) {
    if (paragraph.trim() === '') continue;
    const rounds = roundsOf(paragraph);
    const current = sections.at(-1);
    if (rounds || !current) sections.push({ paragraphs: [paragraph], rounds });
    else current.paragraphs.push(paragraph);
  }
  return sections.map((s) => ({ markdown: s.paragraphs.join('\n\n'), rounds: s.rounds }));
}

/**
 * The section for the playhead at `round`: the one whose rounds hold it, else the last one that started before
 * it (what it says is still what the learner sees), else the introduction. -1 when there are no sections.
 */
export function currentSection(sections: readonly NarrationSection[], round: number): number {
  let current = sections.length > 0 ? 0 : -1;
  sections.forEach((section, i) => {
    if (section.rounds && section.rounds.from <= round) current = i;
  });
  const holding = sections.findIndex((s) => s.rounds !== null && s.rounds.from <= round && round <= s.rounds.to);
  return holding >= 0 && (sections[current].rounds?.to ?? -1) < round ? holding : current;
}
