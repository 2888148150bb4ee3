/**
 * One narration section's Markdown, rendered by react-markdown, which builds React elements and never injects HTML:
 * lesson and canister text stays text. Its own chunk (about 40 KB gzip with the Markdown parser), loaded after the
 * first graph (`Narration`).
 */
import Markdown from 'react-markdown';

export default function NarrationMarkdown({ markdown }: { readonly markdown: string }) {
  return <Markdown skipHtml>{markdown}</Markdown>;
}
