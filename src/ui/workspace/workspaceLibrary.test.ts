import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { get, keys, promisifyRequest, set, type UseStore } from 'idb-keyval';
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

  /** A store of its own in a fake IndexedDB (the global one is left alone). */
  function fakeStore(): UseStore {
    const request = new IDBFactory().open('test', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('workspaces');
    const db = promisifyRequest(request);
    return (mode, callback) => db.then((d) => callback(d.transaction('workspaces', mode).objectStore('workspaces')));
  }
  const entry = (round: number, scenario = lesson) => ({ id: 'w1', title: 'Mine', savedAt: round, summary: summarize(scenario, round), scenario, round, drafts: { a: ';; draft' } });

  it('writes the parts of the scenario that changed: a move of the playhead writes the entry alone, a Step at the end its last chunk', async () => {
    const store = fakeStore();
    const library = createWorkspaceLibrary(() => { throw new Error('no storage error expected'); }, store);
    const long = { ...lesson, steps: [...lesson.steps, ...Array.from({ length: 5000 }, () => ({ tick: 1 }))] };
    await library.save(entry(1, long));
    const stored = (await keys(store)).filter((k) => k !== 'w1').map(String).sort();
    expect(stored).toEqual(['w1\u0000head', 'w1\u0000steps\u00000', 'w1\u0000steps\u00001', 'w1\u0000steps\u00002']);
    // Marked, then saved again with the same scenario and another round: the marks stay, the round is new.
    for (const key of stored) await set(key, 'unchanged', store);
    await library.save(entry(2, long));
    for (const key of stored) expect(await get(key, store)).toBe('unchanged');
    expect((await library.list()).map((e) => e.round)).toEqual([2]);
    // Put back (written whole by a new page), then a step recorded at the end: the last chunk is written, the others
    // are not.
    await createWorkspaceLibrary(() => undefined, store).save(entry(2, long));
    const chunk0 = await get(stored[1], store);
    await set(stored[1], 'unchanged', store);
    const longer = { ...long, steps: [...long.steps, { tick: 1 }] };
    await library.save(entry(3, longer));
    expect(await get(stored[1], store)).toBe('unchanged');
    await set(stored[1], chunk0, store);
    expect((await library.load('w1'))!.scenario).toEqual(longer);
    // A fork back to a few steps: the chunks it no longer has are deleted.
    await library.save(entry(3, long));
    await library.save(entry(4, lesson));
    expect((await keys(store)).length, 'the entry, its head and one chunk').toBe(3);
    const loaded = (await library.load('w1'))!;
    expect(loaded.scenario).toEqual(lesson);
    expect([loaded.round, loaded.drafts]).toEqual([4, { a: ';; draft' }]);
    await library.save(entry(5, longer));
    expect((await library.load('w1'))!.scenario).toEqual(longer);
    expect(JSON.parse(await library.exportAll()).workspaces.map((w: { scenario: unknown }) => w.scenario)).toEqual([longer]);
    // A new page (a reload) saving a shorter scenario first: the chunks of the longer one saved before go too.
    await createWorkspaceLibrary(() => undefined, store).save(entry(6, lesson));
    expect((await keys(store)).length).toBe(3);
    await library.remove('w1');
    expect(await keys(store), 'the entry and its records').toEqual([]);
    // Saved again after it was removed: whole.
    await library.save(entry(7, longer));
    expect((await library.load('w1'))!.scenario).toEqual(longer);
  });

  it('reads an entry saved with its scenario inline (before the scenario had a record of its own), and saves it anew', async () => {
    const store = fakeStore();
    const library = createWorkspaceLibrary(() => undefined, store);
    const { scenario, ...rest } = entry(4);
    await set('w1', { ...rest, scenarioJson: JSON.stringify(scenario) }, store);
    expect((await library.load('w1'))?.scenario).toEqual(lesson);
    expect(JSON.parse(await library.exportAll()).workspaces).toHaveLength(1);
    await library.save(entry(5));
    expect(await get<{ scenarioJson?: string }>('w1', store)).not.toHaveProperty('scenarioJson');
    expect((await library.list()).map((e) => e.round)).toEqual([5]);
    expect((await library.load('w1'))?.scenario).toEqual(lesson);
  });
});
