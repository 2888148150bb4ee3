/**
 * A narration section as plain paragraphs, shown for the moment before the Markdown renderer has loaded: the same
 * words without their marks (emphasis, code, link targets), so no asterisk flashes on screen.
 */
export function plainMarkdown(markdown: string): string[] {
  return markdown
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s?)/gm, '')
      .replace(/(\*\*|__|\*|`)/g, '')
      .replace(/\s+/g, ' ')
      .trim())
    .filter((paragraph) => paragraph.length > 0);
}
