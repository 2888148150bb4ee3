/**
 * The top bar: pick a lesson, share the workspace as a link, export or import it as a file, and switch the
 * presentation mode for projectors. Bad files and links give a message and leave the workspace alone.
 */
import { useRef } from 'react';
import type { Remote } from 'comlink';
import { LESSONS } from '../../lessons/index.ts';
import { encodeShareFragment } from '../../scenario/shareLink.ts';
import { parseScenario } from '../../scenario/parseScenario.ts';
import type { Scenario } from '../../scenario/scenarioTypes.ts';
import type { EngineApi } from '../../worker/protocol.ts';

export interface WorkspaceBarProps {
  readonly api: () => Remote<EngineApi>;
  readonly scenario: Scenario | null;
  readonly presentation: boolean;
  readonly onPresentation: (on: boolean) => void;
  readonly onOpen: (scenario: Scenario) => Promise<boolean>;
  readonly onNotice: (text: string) => void;
}

export function WorkspaceBar({ api, scenario, presentation, onPresentation, onOpen, onNotice }: WorkspaceBarProps) {
  const fileInput = useRef<HTMLInputElement>(null);

  const openLesson = async (id: string) => {
    const lesson = LESSONS.find((l) => l.id === id);
    if (!lesson) return;
    const parsed = parseScenario(JSON.stringify(lesson.scenario));
    if (parsed.ok) await onOpen(parsed.scenario);
    else onNotice(`Lesson "${lesson.title}" is broken: ${parsed.error}`);
  };

  const share = async () => {
    const fragment = encodeShareFragment(await api().scenario());
    const url = `${location.origin}${location.pathname}#${fragment}`;
    history.replaceState(null, '', `#${fragment}`);
    try {
      await navigator.clipboard.writeText(url);
      onNotice('Link copied: it carries the whole workspace.');
    } catch {
      onNotice('The link is in the address bar: it carries the whole workspace.');
    }
  };

  const exportFile = async () => {
    const text = JSON.stringify(await api().scenario(), null, 2);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    link.download = `${(scenario?.title ?? 'workspace').replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const importFile = async (file: File) => {
    const parsed = parseScenario(await file.text());
    if (!parsed.ok) {
      onNotice(`"${file.name}" is not a scenario this playground can open: ${parsed.error}. Your workspace was left as it was.`);
      return;
    }
    await onOpen(parsed.scenario);
  };

  return (
    <header className="workspace-bar">
      <h1>Canister Playground</h1>
      <label>
        lesson
        <select aria-label="Lesson" value="" onChange={(e) => void openLesson(e.target.value)}>
          <option value="" disabled>Open a lesson…</option>
          {LESSONS.map((l) => <option key={l.id} value={l.id}>{l.title}</option>)}
        </select>
      </label>
      <button onClick={() => void share()}>Share link</button>
      <button onClick={() => void exportFile()}>Export</button>
      <button onClick={() => fileInput.current?.click()}>Import</button>
      <input ref={fileInput} type="file" accept=".json,application/json" hidden
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); e.target.value = ''; }} />
      <label className="toggle"><input type="checkbox" checked={presentation} onChange={(e) => onPresentation(e.target.checked)} /> presentation</label>
    </header>
  );
}
