/**
 * Every workspace the user has had open, kept in IndexedDB (through idb-keyval) so none is ever lost: opening a
 * lesson, a share link or a file starts a new workspace and leaves the previous one here. The most recent
 * `KEEP_WORKSPACES` are kept, each with its title, when it was last saved, a one-line summary, the script, the
 * playhead's round and the editor drafts; all of them can be exported as one file.
 *
 * Storage can fail (a full disk, a private window, IndexedDB switched off): every function here answers anyway,
 * and the failure is reported once through `onStorageError`, so the app keeps working in memory and says so.
 */
import { createStore, get, getMany, keys, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { loadScenarioParser } from './scenarioParser.ts';
import { createScenarioWriter, joinStoredScenario } from './storedScenario.ts';
import type { Scenario } from '../../scenario/scenarioTypes.ts';

/** At least ten, as promised; a few more cost nothing. */
export const KEEP_WORKSPACES = 20;

export interface WorkspaceEntry {
  readonly id: string;
  readonly title: string;
  /** Milliseconds since the epoch (the wall clock: the UI's, never the engine's). */
  readonly savedAt: number;
  /** One line: canisters, steps, round. */
  readonly summary: string;
  readonly scenario: Scenario;
  readonly round: number;
  readonly drafts: Readonly<Record<string, string>>;
}

/** What the recent list shows: an entry without its script. */
export type WorkspaceSummary = Omit<WorkspaceEntry, 'scenario' | 'drafts'>;

/** The file "Export all" writes, and Import reads back. */
export const WORKSPACES_FORMAT = 'canister-playground/workspaces@1';

export interface WorkspaceLibrary {
  save(entry: WorkspaceEntry): Promise<void>;
  load(id: string): Promise<WorkspaceEntry | null>;
  list(): Promise<WorkspaceSummary[]>;
  remove(id: string): Promise<void>;
  /** Every kept workspace, newest first, as one JSON document (`WORKSPACES_FORMAT`). */
  exportAll(): Promise<string>;
}

/**
 * The stored form: the scenario as JSON text, so what is read back goes through the same validation as a file, in
 * records of their own written only when they changed (`storedScenario.ts`): its head and `chunks` chunks of steps.
 * Entries saved before kept the whole JSON here (`scenarioJson`) and are read as they are.
 */
interface StoredEntry extends Omit<WorkspaceEntry, 'scenario'> {
  readonly chunks?: number;
  readonly scenarioJson?: string;
}

/** Keys of a workspace's scenario records: the id and parts after a separator no id `newWorkspaceId` makes has. */
const PART = '\u0000';
const headKey = (id: string) => `${id}${PART}head`;
const chunkKey = (id: string, index: number) => `${id}${PART}steps${PART}${index}`;
/** A workspace's own entry, not one of its scenario records. */
const isEntryKey = (key: IDBValidKey): key is string => typeof key === 'string' && !key.includes(PART);

export function summarize(scenario: Scenario, round: number): string {
  const canisters = scenario.canisters.length;
  const steps = scenario.steps.length;
  return `${canisters} canister${canisters === 1 ? '' : 's'}, ${steps} step${steps === 1 ? '' : 's'}, round ${round}`;
}

export function createWorkspaceLibrary(onStorageError: (message: string) => void, store: UseStore | null = libraryStore()): WorkspaceLibrary {
  let reported = false;
  const failed = (what: string, error: unknown): void => {
    if (reported) return;
    reported = true;
    const why = error instanceof Error ? error.message : String(error);
    onStorageError(`This browser cannot ${what} (${why}). The playground keeps working, but your work lasts only as long as this tab: use Export to keep it.`);
  };
  const guard = async <T>(what: string, fallback: T, run: (store: UseStore) => Promise<T>): Promise<T> => {
    if (!store) {
      failed(what, new Error('IndexedDB is not available'));
      return fallback;
    }
    try {
      return await run(store);
    } catch (error) {
      failed(what, error);
      return fallback;
    }
  };
  // The entries only, by their keys: reading every value would read every workspace's scenario chunks too (megabytes
  // for a long one), and the boot lists the library before it opens anything.
  const readAll = async (s: UseStore) => {
    const ids = (await keys<IDBValidKey>(s)).filter(isEntryKey);
    return (await getMany<unknown>(ids, s)).filter(isStoredEntry).sort((a, b) => b.savedAt - a.savedAt);
  };
  const toEntry = async (stored: StoredEntry, s: UseStore): Promise<WorkspaceEntry | null> => {
    const json = stored.scenarioJson ?? await readScenarioJson(stored.id, stored.chunks ?? 0, s);
    if (json === null) return null;
    const parsed = (await loadScenarioParser())(json);
    if (!parsed.ok) return null;
    const { scenarioJson: _json, chunks: _chunks, ...rest } = stored;
    return { ...rest, scenario: parsed.scenario };
  };
  const readScenarioJson = async (id: string, chunks: number, s: UseStore): Promise<string | null> => {
    const [head, ...parts] = await getMany<unknown>([headKey(id), ...Array.from({ length: chunks }, (_, i) => chunkKey(id, i))], s);
    return typeof head === 'string' && parts.every((p) => typeof p === 'string') ? joinStoredScenario(head, parts as string[]) : null;
  };
  /** Puts and deletes in one transaction: the entry never names a chunk it does not have. */
  const write = (puts: readonly (readonly [string, unknown])[], deletes: readonly string[], s: UseStore) => s('readwrite', (store) => {
    for (const [key, value] of puts) store.put(value, key);
    for (const key of deletes) store.delete(key);
    return promisifyRequest(store.transaction);
  });
  const storedChunks = async (id: string, s: UseStore): Promise<number> => {
    const stored = await get<StoredEntry>(id, s);
    return stored && isStoredEntry(stored) ? stored.chunks ?? 0 : 0;
  };
  const chunkKeys = (id: string, from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => chunkKey(id, from + i));

  // Autosave writes after every move of the playhead; the scenario itself changes far less often, and mostly at its
  // end. A save writes the parts of it that changed since this page last wrote it (all of it the first time), and
  // the oldest entries are pruned when a workspace is first saved here, not at every save (reading every stored
  // workspace to do it). Only the workspace saved last is remembered (the one open: another's scenario is let go).
  const scenarioWrite = createScenarioWriter();
  let written: { id: string; scenario: Scenario; chunks: number } | null = null;
  const savedHere = new Set<string>();
  const removeEntry = async (id: string, s: UseStore) => {
    if (written?.id === id) written = null; // saved again, it is written whole
    await write([], [id, headKey(id), ...chunkKeys(id, 0, await storedChunks(id, s))], s);
  };
  return {
    save: (entry) => guard('save your workspace', undefined, async (s) => {
      const { scenario, ...rest } = entry;
      const before = written?.id === entry.id ? written : null;
      if (before?.scenario === scenario) {
        await set(entry.id, { ...rest, chunks: before.chunks } satisfies StoredEntry, s);
      } else {
        const change = scenarioWrite(scenario, before?.scenario ?? null);
        const puts: [string, unknown][] = change.chunks.map(([index, json]) => [chunkKey(entry.id, index), json]);
        if (change.head !== null) puts.push([headKey(entry.id), change.head]);
        puts.push([entry.id, { ...rest, chunks: change.chunkCount } satisfies StoredEntry]);
        // The chunks it had before (saved by an earlier page, the first time here) that it has no more.
        await write(puts, chunkKeys(entry.id, change.chunkCount, before?.chunks ?? await storedChunks(entry.id, s)), s);
        written = { id: entry.id, scenario, chunks: change.chunkCount };
      }
      if (savedHere.has(entry.id)) return;
      savedHere.add(entry.id);
      const all = await readAll(s);
      for (const old of all.slice(KEEP_WORKSPACES)) await removeEntry(old.id, s);
    }),
    load: (id) => guard('read your saved workspaces', null, async (s) => {
      const stored = await get<StoredEntry>(id, s);
      return stored && isStoredEntry(stored) ? toEntry(stored, s) : null;
    }),
    list: () => guard('read your saved workspaces', [], async (s) => (await readAll(s)).map(({ id, title, savedAt, summary, round }) => ({ id, title, savedAt, summary, round }))),
    remove: (id) => guard('save your workspace', undefined, (s) => removeEntry(id, s)),
    exportAll: () => guard('read your saved workspaces', JSON.stringify({ format: WORKSPACES_FORMAT, workspaces: [] }), async (s) => {
      const workspaces = (await Promise.all((await readAll(s)).map((e) => toEntry(e, s)))).filter((e): e is WorkspaceEntry => e !== null);
      return JSON.stringify({ format: WORKSPACES_FORMAT, workspaces }, null, 2);
    }),
  };
}

/** The workspaces of an "Export all" file, each validated as a scenario; null when the text is not such a file. */
export async function parseWorkspacesFile(text: string): Promise<WorkspaceEntry[] | null> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || (value as { format?: unknown }).format !== WORKSPACES_FORMAT) return null;
  const list = (value as { workspaces?: unknown }).workspaces;
  if (!Array.isArray(list)) return null;
  const parseScenario = await loadScenarioParser();
  const out: WorkspaceEntry[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const e = item as Partial<WorkspaceEntry>;
    const parsed = parseScenario(JSON.stringify(e.scenario));
    if (!parsed.ok || typeof e.id !== 'string') continue;
    out.push({
      id: e.id,
      title: typeof e.title === 'string' ? e.title : parsed.scenario.title ?? 'Workspace',
      savedAt: typeof e.savedAt === 'number' ? e.savedAt : 0,
      summary: summarize(parsed.scenario, typeof e.round === 'number' ? e.round : 0),
      scenario: parsed.scenario,
      round: typeof e.round === 'number' && e.round >= 0 ? Math.floor(e.round) : 0,
      drafts: stringRecord(e.drafts),
    });
  }
  return out;
}

/** The string-valued entries of a JSON object (editor drafts by canister name); anything else gives {}. */
export function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function isStoredEntry(value: unknown): value is StoredEntry {
  const e = value as StoredEntry | null;
  return !!e && typeof e === 'object' && typeof e.id === 'string' && typeof e.savedAt === 'number'
    && (typeof e.scenarioJson === 'string' || (Number.isSafeInteger(e.chunks) && e.chunks! >= 0));
}

let shared: UseStore | null | undefined;

/**
 * The page's library database, opened on the first call (idb-keyval opens it as the store is made). The page calls
 * this as it starts (`readStorageAtStart`): opening a browser's database the first time took 50–240 ms here, and
 * the boot, which cannot choose what to open before it has looked, then waited for it after the first render.
 */
export function libraryStore(): UseStore | null {
  if (shared !== undefined) return shared;
  try {
    shared = typeof indexedDB === 'undefined' ? null : createStore('canister-playground', 'workspaces');
  } catch {
    shared = null;
  }
  return shared;
}
