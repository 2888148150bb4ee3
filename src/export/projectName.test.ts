import { describe, expect, it } from 'vitest';
import { projectName } from './projectName.ts';

describe('[export/projectName] a name for an exported workspace', () => {
  it.each([
    ['New workspace', 'new-workspace'],
    ['Motoko: await is two messages; a trap after it', 'motoko-await-is-two-messages-a-trap-after-it'],
    ['  --Ünïcode & Co--  ', 'n-code-co'],
    [undefined, 'workspace'],
    ['!!!', 'workspace'],
    ['a'.repeat(59) + ' b', 'a'.repeat(59)],
  ])('%j → %s', (title, name) => {
    expect(projectName(title)).toBe(name);
  });
});
