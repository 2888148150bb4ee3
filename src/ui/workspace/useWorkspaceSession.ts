/**
 * The open workspace's life in the browser: which one a tab opens at boot, one workspace per tab, every change
 * autosaved to the library of recent workspaces, and links opened as new workspaces. Nothing the user did is
 * overwritten: a link, a lesson or a file opens beside the previous workspace, never over it.
 *
 * Boot order: a link (`#s=…` or `?scenario=`, removed from the address bar once read) opens as a new workspace;
 * otherwise the workspace this tab had (a reload); otherwise the most recent one; otherwise a workspace saved by
 * an earlier version of the app; otherwise the first lesson. A workspace open in another tab is opened as a copy.
 */
import { useLayoutEffect, useState } from 'react';
import type { SimulationStore } from '../../state/simulationStore.ts';
import { createWorkspaceStore, type OpenOptions, type WorkspaceStore } from '../../state/workspaceStore.ts';
import type { Scenario } from '../../scenario/scenarioTypes.ts';
import { lessonToOpen } from './scenarioParser.ts';
import { LESSON_CATALOG, loadLesson } from '../../lessons/lessonCatalog.ts';
import { createAutosave } from './autosave.ts';
import { afterFirstGraph } from '../app/afterFirstGraph.ts';
import { createWorkspaceLibrary, summarize, type WorkspaceEntry, type WorkspaceLibrary } from './workspaceLibrary.ts';
import { claimWorkspace, newWorkspaceId, rememberTabWorkspace, tabWorkspaceId, type WorkspaceClaim } from './tabOwnership.ts';
import { loadSavedDrafts, loadSavedWorkspace, scenarioFromLocation } from './workspaceStorage.ts';
import { stashWorkspace, takeStashedWorkspace } from './unloadStash.ts';

export interface WorkspaceSession {
  readonly workspace: WorkspaceStore;
  readonly library: WorkspaceLibrary;
  /** Opens a scenario as a new workspace, or a library entry (by its id) as itself. */
  open(scenario: Scenario, options?: OpenOptions): Promise<boolean>;
  openEntry(entry: WorkspaceEntry): Promise<boolean>;
}

const linkNotice = (from: string) => ({ text: `Opened ${from} as a new workspace. The workspace you had is kept under Recent.` });

const MODULES_DIFFERED = 'The compiled code that came with this workspace did not match its WAT source, so it was opened again from the source: what runs is what you see.';

const OPEN_ELSEWHERE = 'This workspace is open in another tab, so this tab works on a copy of it, saved separately: neither tab overwrites the other.';

export function useWorkspaceSession(simulation: SimulationStore): WorkspaceSession {
  const [session] = useState(() => createSession(simulation));
  // Started as the first render is committed, not after it is painted: the workspace's load goes to the engine worker
  // a frame sooner, and the first graph is drawn that much sooner (issue 16, target 7).
  useLayoutEffect(() => session.start(), [session]);
  return session;
}

function createSession(simulation: SimulationStore): WorkspaceSession & { start(): () => void } {
  const workspace = createWorkspaceStore({ simulation, newId: newWorkspaceId });
  const library = createWorkspaceLibrary((text) => workspace.getState().setNotice({ text }));
  let claim: WorkspaceClaim | null = null;
  let booted = false;

  const entryNow = (): WorkspaceEntry | null => {
    const { id, drafts, opened } = workspace.getState();
    const { scenario, playhead } = simulation.getState();
    if (!id || !scenario) return null;
    return {
      id, title: scenario.title ?? opened?.title ?? 'Untitled workspace', savedAt: Date.now(),
      summary: summarize(scenario, playhead.round), scenario, round: playhead.round, drafts,
    };
  };
  const autosave = createAutosave<WorkspaceEntry>((entry) => void library.save(entry));

  /** Opens under `id` if this tab can have it, else as a copy with a new id. */
  const open = async (scenario: Scenario, options: OpenOptions = {}): Promise<boolean> => {
    const wanted = options.id ?? newWorkspaceId();
    let claimed = claim?.id === wanted ? claim : await claimWorkspace(wanted);
    let id = wanted;
    let notice = options.notice;
    if (!claimed) {
      id = newWorkspaceId();
      claimed = await claimWorkspace(id);
      // Said after what the opening had to say (a link that could not be read), not instead of it.
      notice = { text: options.notice ? `${options.notice.text} ${OPEN_ELSEWHERE}` : OPEN_ELSEWHERE };
    }
    const previous = entryNow();
    if (!(await workspace.getState().open(scenario, { ...options, id, notice }))) {
      if (claimed && claimed !== claim) claimed.release();
      return false;
    }
    if (claim && claim !== claimed) claim.release();
    claim = claimed;
    rememberTabWorkspace(id);
    // The one left is saved as it was (autosave may still have held it back); the new one is listed at once.
    if (previous && previous.id !== id) await library.save(previous);
    autosave.schedule(entryNow()!);
    autosave.flush();
    // The WAT compiler (220 KB gzip) is fetched after the first graph, not before it.
    if (options.compiled?.length) afterFirstGraph(() => void checkCompiledWat());
    return true;
  };

  /** The modules a workspace opened with, checked once the page is idle and the WAT compiler has loaded. */
  const checkCompiledWat = async () => {
    if (await simulation.getState().checkCompiledWat()) workspace.getState().setNotice({ text: MODULES_DIFFERED });
  };

  const openEntry = (entry: WorkspaceEntry) => open(entry.scenario, { id: entry.id, round: entry.round, drafts: entry.drafts });

  const boot = async () => {
    const incoming = await scenarioFromLocation(window.location);
    if (incoming.type !== 'none') history.replaceState(null, '', window.location.pathname);
    // A first visit opens the first lesson: its chunk (2 KB) is fetched while the saved workspaces are looked up.
    const firstLesson = incoming.type === 'scenario' ? null : loadLesson(LESSON_CATALOG[0].id);
    firstLesson?.catch(() => undefined);
    if (incoming.type === 'scenario' && (await open(incoming.scenario, { round: incoming.round, notice: linkNotice(incoming.from), compiled: incoming.compiled }))) return;
    // A link that cannot be opened or played leaves a notice saying why over whatever opens instead (the error of the
    // failed load would be cleared by the next one's success).
    const errorNotice = incoming.type === 'error' ? { text: `${incoming.error} Your workspace was left as it was.` }
      : incoming.type === 'scenario' ? unplayableNotice(incoming.from, simulation.getState().error) : undefined;
    const tabId = tabWorkspaceId();
    const stashed = await takeStashedWorkspace();
    const own = tabId ? (stashed?.id === tabId ? stashed : await library.load(tabId)) : null;
    const latest = own ?? (await firstEntry(library));
    if (latest && (await open(latest.scenario, { id: latest.id, round: latest.round, drafts: latest.drafts, notice: errorNotice }))) return;
    const legacy = await loadSavedWorkspace();
    if (legacy && (await open(legacy, { drafts: await loadSavedDrafts(), notice: errorNotice }))) return;
    const lesson = await (firstLesson ?? loadLesson(LESSON_CATALOG[0].id));
    // Read at build time in the built app: no parser to fetch before the first graph.
    const first = await lessonToOpen(lesson);
    if (first.ok) await open(first.scenario, { notice: errorNotice, compiled: first.compiled });
  };

  return {
    workspace,
    library,
    open,
    openEntry,
    start() {
      if (!booted) {
        booted = true;
        void boot();
      }
      // Every change of the script, the playhead or the drafts is saved (coalesced until the browser is idle).
      const schedule = () => {
        const entry = entryNow();
        if (entry) autosave.schedule(entry);
      };
      // A link pasted into this tab's address bar changes only the fragment: it opens as a new workspace too.
      const onHashChange = () => {
        if (!window.location.hash.startsWith('#s=')) return;
        void scenarioFromLocation(window.location).then((incoming) => {
          history.replaceState(null, '', window.location.pathname + window.location.search);
          if (incoming.type === 'scenario') {
            void open(incoming.scenario, { round: incoming.round, notice: linkNotice(incoming.from), compiled: incoming.compiled }).then((opened) => {
              if (!opened) workspace.getState().setNotice(unplayableNotice(incoming.from, simulation.getState().error));
            });
          } else if (incoming.type === 'error') workspace.getState().setNotice({ text: `${incoming.error} Your workspace was left as it was.` });
        });
      };
      window.addEventListener('hashchange', onHashChange);
      const onLeave = () => {
        const entry = entryNow();
        if (entry) stashWorkspace(entry);
      };
      window.addEventListener('pagehide', onLeave);
      const stopSimulation = simulation.subscribe((s, before) => {
        if (s.scenario !== before.scenario || s.playhead.round !== before.playhead.round) schedule();
      });
      const stopWorkspace = workspace.subscribe((s, before) => {
        if (s.drafts !== before.drafts && s.id === before.id) schedule();
      });
      return () => {
        window.removeEventListener('hashchange', onHashChange);
        window.removeEventListener('pagehide', onLeave);
        stopSimulation();
        stopWorkspace();
        autosave.flush();
      };
    },
  };
}

/** Why a link's scenario, read fine, could not be opened (the engine's error names the place), and that nothing changed. */
function unplayableNotice(from: string, error: string | null) {
  const why = error ?? 'the engine refused it';
  return { text: `The scenario from ${from} could not be opened: ${why}${/[.!?]$/.test(why) ? '' : '.'} Your workspace was left as it was.` };
}

async function firstEntry(library: WorkspaceLibrary): Promise<WorkspaceEntry | null> {
  for (const summary of await library.list()) {
    const entry = await library.load(summary.id);
    if (entry) return entry;
  }
  return null;
}
