import { describe, expect, it } from 'vitest';
import { plainMarkdown } from './plainMarkdown.ts';

describe('[ui/workspace/plainMarkdown]', () => {
  it.each([
    { markdown: '**Round 2.** The *counter* is `inc`-ed.', plain: ['Round 2. The counter is inc-ed.'] },
    { markdown: 'One\nline.\n\n  \nTwo.', plain: ['One line.', 'Two.'] },
    { markdown: 'See [the reference](https://example.org) and __this__.', plain: ['See the reference and this.'] },
    { markdown: '## A title\n\n- first\n- second', plain: ['A title', 'first second'] },
    { markdown: '\n\n', plain: [] },
  ])('$markdown', ({ markdown, plain }) => {
    expect(plainMarkdown(markdown)).toEqual(plain);
  });
});
