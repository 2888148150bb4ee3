/**
 * The playground: workspace bar (lessons, examples, share, export/import), narration, the editor, the graph and
 * the timeline, the inspector with call and manage panels, and playback controls. The workspace is a scenario:
 * every action is a step sent to the engine worker, autosaved, and shareable as a link.
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useEngine } from './useEngine.ts';
import { useSimulation } from '../../state/simulationStore.ts';
import { PlaybackControls } from '../controls/PlaybackControls.tsx';
import { CallPanel } from '../calls/CallPanel.tsx';
import { Inspector, type Selection } from '../inspector/Inspector.tsx';
import { ManagePanel } from '../workspace/ManagePanel.tsx';
import { Narration } from '../workspace/Narration.tsx';
import { WorkspaceBar } from '../workspace/WorkspaceBar.tsx';
import { CanisterEditor } from '../workspace/CanisterEditor.tsx';
import { DeployPanel } from '../workspace/DeployPanel.tsx';
import { CanisterGraph } from '../graph/CanisterGraph.tsx';
import { Timeline } from '../timeline/Timeline.tsx';
import { loadSavedDrafts, loadSavedWorkspace, saveDrafts, saveWorkspace, scenarioFromLocation } from '../workspace/workspaceStorage.ts';
import { latestSource } from '../workspace/latestSource.ts';
import { createAutosave } from '../workspace/autosave.ts';
import { LESSONS } from '../../lessons/index.ts';
import type { Scenario, Step } from '../../scenario/scenarioTypes.ts';
import { parseScenario } from '../../scenario/parseScenario.ts';

export function App() {
  const { store, api } = useEngine();
  const view = useSimulation(store, (s) => s.view);
  const events = useSimulation(store, (s) => s.events);
  const error = useSimulation(store, (s) => s.error);
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [positions, setPositions] = useState<Record<string, { x: number; y: number }>>({});
  const [presentation, setPresentation] = useState(false);

  // Editor text not installed yet, by canister name: kept with the workspace, dropped when another is opened.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  // Saved only once boot has decided what the drafts are: the initial empty set would overwrite the saved ones.
  const [draftsReady, setDraftsReady] = useState(false);
  const open = useCallback(async (next: Scenario, keepDrafts = false) => {
    if (await store.getState().load(next)) {
      setScenario(next);
      setSelection(null);
      if (!keepDrafts) setDrafts({});
      return true;
    }
    return false;
  }, [store]);

  // Boot: a link or ?scenario= wins; otherwise the autosaved workspace; otherwise the first lesson.
  useEffect(() => {
    const boot = async () => {
      const saved = loadSavedWorkspace(); // read in parallel; awaited only if no link wins
      const incoming = await scenarioFromLocation(window.location);
      if (incoming.type === 'error') setNotice(`${incoming.error} Your workspace was left as it was.`);
      if (incoming.type === 'scenario' && (await open(incoming.scenario))) return;
      const restored = await saved;
      if (restored && (await open(restored))) {
        setDrafts(await loadSavedDrafts());
        return;
      }
      const first = parseScenario(JSON.stringify(LESSONS[0].scenario));
      if (first.ok) await open(first.scenario);
    };
    void boot().finally(() => setDraftsReady(true));
  }, [open]);

  const onStep = useCallback(async (step: Step) => {
    await store.getState().apply(step);
  }, [store, api]);

  // Autosave: whatever changed the subnet (a step, playback, a seek), the workspace scenario is stored
  // (coalesced while playing; written at once when the page is hidden).
  const workspace = useSimulation(store, (s) => s.scenario);
  const [autosave] = useState(() => createAutosave<Scenario>((s) => void saveWorkspace(s)));
  const [draftsAutosave] = useState(() => createAutosave<Record<string, string>>((d) => void saveDrafts(d)));
  useEffect(() => () => { autosave.flush(); draftsAutosave.flush(); }, [autosave, draftsAutosave]);
  useEffect(() => {
    if (workspace) autosave.schedule(workspace);
  }, [workspace, autosave]);
  useEffect(() => { if (draftsReady) draftsAutosave.schedule(drafts); }, [drafts, draftsAutosave, draftsReady]);

  const round = view?.round ?? 0;
  // The graph and the timeline are derived from every event so far: they render from deferred values, so React
  // renders them interruptibly and playback, typing and clicks never wait for them (no long main-thread tasks).
  const deferredView = useDeferredValue(view);
  const deferredEvents = useDeferredValue(events);
  const onMove = useCallback((id: string, pos: { x: number; y: number }) => setPositions((p) => ({ ...p, [id]: pos })), []);
  const onSelect = useCallback((s: Selection) => setSelection(s), []);
  const onSeek = useCallback((r: number) => void store.getState().seek(r), [store]);
  const selectedCanister = useMemo(() => {
    if (!view || selection?.type !== 'canister') return view?.canisters[0] ?? null;
    return view.canisters.find((c) => c.id === selection.id || c.name === selection.id) ?? null;
  }, [view, selection]);
  const users = view?.users.map((u) => u.name) ?? [];
  const sourceOf = (name: string) => latestSource(workspace ?? scenario, name);
  const diagnose = useCallback((wat: string) => api().diagnose(wat), [api]);

  return (
    <div className={presentation ? 'app presentation' : 'app'}>
      <WorkspaceBar
        api={api}
        scenario={scenario}
        presentation={presentation}
        onPresentation={setPresentation}
        onOpen={open}
        onNotice={setNotice}
      />
      {(error || notice) && (
        <div className="banner" role="alert">
          {error ?? notice}
          <button onClick={() => { store.getState().clearError(); setNotice(null); }} aria-label="Dismiss">×</button>
        </div>
      )}
      <PlaybackControls store={store} onReset={() => { if (scenario) void open({ ...scenario, steps: [] }, true); }} />
      <main className="panes">
        <section className="pane left">
          <Narration title={scenario?.title} description={scenario?.description} />
          {selectedCanister && (
            <CanisterEditor
              key={selectedCanister.name}
              name={selectedCanister.name}
              value={drafts[selectedCanister.name] ?? sourceOf(selectedCanister.name)}
              onChange={(text) => setDrafts((d) => ({ ...d, [selectedCanister.name]: text }))}
              diagnose={diagnose}
            />
          )}
        </section>
        <section className="pane center">
          {deferredView && (
            <Graph view={deferredView} events={deferredEvents} round={deferredView.round} positions={positions} onMove={onMove} onSelect={onSelect} />
          )}
          {deferredView && (
            <Lanes view={deferredView} events={deferredEvents} round={deferredView.round} onSelect={onSelect as never} onSeek={onSeek} />
          )}
        </section>
        <section className="pane right">
          <Inspector
            canister={selection?.event ? null : selectedCanister}
            event={selection?.event ?? null}
            events={deferredEvents}
            round={round}
            memory={(id, kind, offset, length) => api().memory(id, kind, offset, length)}
          />
          {selectedCanister && selectedCanister.status !== 'deleted' && (
            <>
              <CallPanel key={`call-${selectedCanister.id}`} canister={selectedCanister} users={users} onStep={onStep} />
              <ManagePanel
                key={`manage-${selectedCanister.id}`}
                canister={selectedCanister}
                source={drafts[selectedCanister.name] ?? sourceOf(selectedCanister.name)}
                controller={users.find((u) => selectedCanister.controllers.includes(view!.users.find((v) => v.name === u)!.principal)) ?? users[0] ?? 'user'}
                principals={[...view!.users, ...view!.canisters.filter((c) => c.status !== 'deleted').map((c) => ({ name: c.name, principal: c.id }))]}
                onStep={onStep}
              />
            </>
          )}
          {view && (
            <DeployPanel
              users={users}
              takenNames={[...users, ...view.canisters.map((c) => c.name)]}
              editorSource={selectedCanister ? drafts[selectedCanister.name] ?? sourceOf(selectedCanister.name) : ''}
              onDeploy={(step, source) => {
                const name = (step as { deploy: { name: string } }).deploy.name;
                setDrafts((d) => ({ ...d, [name]: source }));
                void onStep(step).then(() => setSelection({ type: 'canister', id: name }));
              }}
            />
          )}
          <CallLog store={store} />
        </section>
      </main>
    </div>
  );
}

const Graph = memo(CanisterGraph);
const Lanes = memo(Timeline);

function CallLog({ store }: { store: ReturnType<typeof useEngine>['store'] }) {
  const reports = useSimulation(store, (s) => s.stepReports).filter((r) => r.status !== undefined);
  if (reports.length === 0) return null;
  return (
    <section className="call-log" aria-label="Results">
      <h3>Results</h3>
      <ol>
        {reports.slice(-20).map((r, i) => (
          <li key={i} className={r.status ?? ''} data-testid="step-result">
            <strong>{r.kind}</strong> {r.status ?? ''}
            {r.status === 'replied' && <> · <span className="mono">{r.replyText ?? `0x${r.reply}`}</span></>}
            {r.status === 'rejected' && <> · code {r.rejectCode} {r.errorCode} — {r.rejectMessage}</>}
          </li>
        ))}
      </ol>
    </section>
  );
}
