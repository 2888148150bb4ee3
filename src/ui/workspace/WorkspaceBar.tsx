/**
 * The top bar: open a lesson, go back to a recent workspace, start a new one, share the workspace as a link,
 * export or import it as a file, export it as an icp-cli project (a zip), switch the presentation mode. Whatever opens here opens as a workspace of its
 * own, beside the one that was open (kept under Recent), never over it. Bad files give a message and change nothing.
 */
import { useRef, useState } from 'react';
import { LESSON_CATALOG, LESSON_KIND_GROUPS, LESSON_TRACKS, loadLesson } from '../../lessons/lessonCatalog.ts';
import { lessonToOpen, loadScenarioParser } from './scenarioParser.ts';
import type { Scenario } from '../../scenario/scenarioTypes.ts';
import type { CompiledWat } from '../../engine/index.ts';
import type { SimulationStore } from '../../state/simulationStore.ts';
import { useView, viewStore } from '../../state/viewStore.ts';
import type { WorkspaceSession } from './useWorkspaceSession.ts';
import { parseWorkspacesFile } from './workspaceLibrary.ts';
import { RecentWorkspaces } from './RecentWorkspaces.tsx';
import { downloadText } from './downloadText.ts';

export interface WorkspaceBarProps {
  readonly session: WorkspaceSession;
  readonly simulation: SimulationStore;
}

const EMPTY_WORKSPACE: Scenario = { format: 'canister-playground/scenario@1', title: 'New workspace', users: ['user'], canisters: [], steps: [] } as unknown as Scenario;

export function WorkspaceBar({ session, simulation }: WorkspaceBarProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const presentation = useView((s) => s.presentation);
  const [recentOpen, setRecentOpen] = useState(false);
  const notify = (text: string, action?: { label: string; run: () => void }) => session.workspace.getState().setNotice({ text, action });

  /** Opens beside the current workspace, with a way back to it. */
  const openBeside = async (scenario: Scenario, what: string, compiled?: readonly CompiledWat[]) => {
    const previous = session.workspace.getState().id;
    const opened = await session.open(scenario, { compiled });
    if (opened && previous) {
      notify(`${what} The workspace you had open is kept under Recent.`, {
        label: 'Go back to it',
        run: () => void session.library.load(previous).then((entry) => entry && session.openEntry(entry)),
      });
    }
  };

  const openLesson = async (id: string) => {
    const lesson = LESSON_CATALOG.find((l) => l.id === id);
    if (!lesson) return;
    let parsed: Awaited<ReturnType<typeof lessonToOpen>>;
    try {
      parsed = await lessonToOpen(await loadLesson(id));
    } catch (error) {
      notify(`Lesson "${lesson.title}" could not be loaded (${error instanceof Error ? error.message : String(error)}); your workspace was left as it was.`);
      return;
    }
    if (parsed.ok) await openBeside(parsed.scenario, `Lesson "${lesson.title}" is open at round 0: press Step to watch it happen.`, parsed.compiled);
    else notify(`Lesson "${lesson.title}" is broken: ${parsed.error}`);
  };

  const workspace = () => simulation.getState().scenario;

  const share = async () => {
    const scenario = workspace();
    if (!scenario) return;
    // The address bar is left alone: a link in it would reopen this state over later work on reload.
    const { playhead, compiledWat: compile } = simulation.getState();
    // The link carries the compiled modules too: it opens before the WAT compiler has loaded (shareLink.ts).
    const { encodeShareFragment } = await import('../../scenario/encodeShareFragment.ts');
    const url = `${location.origin}${location.pathname}#${encodeShareFragment(scenario, playhead.round, await compile().catch(() => []))}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    notify(copied ? `Link copied (${url.length.toLocaleString('en-US')} characters): it carries the whole workspace.` : 'Copy this link: it carries the whole workspace.');
    setShareLink(url);
  };
  const [shareLink, setShareLink] = useState<string | null>(null);

  const exportFile = () => {
    const scenario = workspace();
    if (scenario) downloadText(`${(scenario.title ?? 'workspace').replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.json`, JSON.stringify(scenario, null, 2));
  };

  const exportIcpProject = async () => {
    const exported = await simulation.getState().exportIcpProject();
    if (!exported.ok) {
      notify(`The workspace could not be exported: ${exported.error}`);
      return;
    }
    const { downloadIcpProject } = await import('./downloadIcpProject.ts');
    const fileName = await downloadIcpProject(exported);
    notify(`Downloaded ${fileName}: an icp-cli project (${exported.canisters} canister${exported.canisters === 1 ? '' : 's'}) with a PocketIC test that replays this workspace. Its README says how to build, deploy and test it.`);
  };

  const importFile = async (file: File) => {
    try {
      await importText(file.name, await file.text());
    } catch (error) {
      notify(`"${file.name}" could not be read (${error instanceof Error ? error.message : String(error)}). Your workspace was left as it was.`);
    }
  };

  const importText = async (fileName: string, text: string) => {
    const bundle = await parseWorkspacesFile(text);
    if (bundle) {
      for (const entry of bundle) await session.library.save(entry);
      notify(`${bundle.length} workspace${bundle.length === 1 ? '' : 's'} from "${fileName}" added to Recent.`);
      setRecentOpen(true);
      return;
    }
    const parsed = (await loadScenarioParser())(text);
    if (!parsed.ok) {
      notify(`"${fileName}" is not a scenario this playground can open: ${parsed.error}. Your workspace was left as it was.`);
      return;
    }
    await openBeside(parsed.scenario, `"${fileName}" is open as a new workspace.`);
  };

  return (
    <header className="workspace-bar">
      <h1>Canister Playground</h1>
      <label>
        lesson
        <select aria-label="Lesson" value="" onChange={(e) => void openLesson(e.target.value)}>
          <option value="" disabled>Open a lesson…</option>
          {LESSON_TRACKS.map(({ track, label }) => (
            <optgroup key={track} label={label}>
              {LESSON_CATALOG.filter((l) => l.track === track && l.kind === 'lesson').map((l) => <option key={l.id} value={l.id}>{l.title}</option>)}
            </optgroup>
          ))}
          {LESSON_KIND_GROUPS.map(({ kind, label }) => (
            <optgroup key={kind} label={label}>
              {LESSON_CATALOG.filter((l) => l.kind === kind).map((l) => <option key={l.id} value={l.id}>{l.title}</option>)}
            </optgroup>
          ))}
        </select>
      </label>
      <button onClick={() => setRecentOpen(true)} aria-haspopup="dialog">Recent…</button>
      <button onClick={() => void openBeside(EMPTY_WORKSPACE, 'A new, empty workspace.')}>New</button>
      <button onClick={() => void share()}>Share link</button>
      <button onClick={exportFile}>Export</button>
      <button onClick={() => void exportIcpProject()} title="Download the workspace as an icp-cli project (icp.yaml, sources, a PocketIC test), zipped">Export to icp-cli</button>
      <button onClick={() => fileInput.current?.click()}>Import</button>
      <input ref={fileInput} type="file" accept=".json,application/json" hidden
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); e.target.value = ''; }} />
      <label className="toggle"><input type="checkbox" checked={presentation} onChange={(e) => viewStore.getState().setPresentation(e.target.checked)} /> presentation</label>
      {shareLink && (
        <label className="share-link">
          link <input readOnly value={shareLink} data-testid="share-link" onFocus={(e) => e.target.select()} aria-label="Share link" />
          <button onClick={() => setShareLink(null)} aria-label="Close the link">×</button>
        </label>
      )}
      {recentOpen && <RecentWorkspaces session={session} onClose={() => setRecentOpen(false)} />}
    </header>
  );
}
