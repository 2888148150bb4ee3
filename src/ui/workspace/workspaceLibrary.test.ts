import { describe, expect, it } from 'vitest';
import { createWorkspaceLibrary, parseWorkspacesFile, summarize, WORKSPACES_FORMAT } from './workspaceLibrary.ts';
import { parseScenario } from '../../scenario/parseScenario.ts';
import { LESSONS } from '../../lessons/index.ts';

const lesson = (() => {
  const parsed = parseScenario(JSON.stringify(LESSONS[0].scenario));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
})();

describe('[ui/workspaceLibrary]', () => {
  it('summarizes a workspace in one line', () => {
    expect(summarize(lesson, 3)).toBe(`2 canisters, ${lesson.steps.length} steps, round 3`);
  });

  it('reads back an "Export all" file, each workspace validated; anything else is not one', async () => {
    const file = JSON.stringify({
      format: WORKSPACES_FORMAT,
      workspaces: [
        { id: 'a', title: 'Mine', savedAt: 5, round: 2, drafts: { book_a: ';; draft', bad: 7 }, scenario: lesson },
        { id: 'b', title: 'Broken', savedAt: 6, round: 0, drafts: {}, scenario: { format: 'nope' } },
        { id: 'c', savedAt: 7, round: -4, scenario: lesson },
      ],
    });
    const entries = (await parseWorkspacesFile(file))!;
    expect(entries.map((e) => [e.id, e.title, e.round])).toEqual([['a', 'Mine', 2], ['c', lesson.title, 0]]);
    expect(entries[0].drafts).toEqual({ book_a: ';; draft' });
    expect(entries[0].scenario).toEqual(lesson);
    for (const text of ['', '{', JSON.stringify(lesson), JSON.stringify({ format: WORKSPACES_FORMAT })]) expect(await parseWorkspacesFile(text)).toBeNull();
  });

  it('without IndexedDB every call still answers, and the failure is said once', async () => {
    const said: string[] = [];
    const library = createWorkspaceLibrary((m) => said.push(m), null);
    await library.save({ id: 'x', title: 't', savedAt: 0, summary: '', scenario: lesson, round: 0, drafts: {} });
    expect(await library.list()).toEqual([]);
    expect(await library.load('x')).toBeNull();
    expect(JSON.parse(await library.exportAll())).toEqual({ format: WORKSPACES_FORMAT, workspaces: [] });
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('cannot save your workspace');
  });
});
