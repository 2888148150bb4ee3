/**
 * The playground: workspace bar (lessons, recent workspaces, share, export/import), notices, playback, narration
 * that follows the playhead, the editor, the graph and the timeline, the inspector with call and manage panels.
 * State lives in stores: the simulation (script, playhead, engine answers), the open workspace (drafts, selection,
 * per-workspace forms) and view settings; this component only lays them out.
 */
import { memo, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useEngine } from './useEngine.ts';
import { eventsAtMoment, useSimulation } from '../../state/simulationStore.ts';
import { useWorkspace, type LeftPane } from '../../state/workspaceStore.ts';
import { useView } from '../../state/viewStore.ts';
import type { Selection } from '../../state/selection.ts';
import { messageMethod, messageReceiver } from '../whatIf/messageReceiver.ts';
import { eventOrigins } from '../events/eventContext.ts';
import { PlaybackControls } from '../controls/PlaybackControls.tsx';
import { Narration } from '../workspace/Narration.tsx';
import { WorkspaceBar } from '../workspace/WorkspaceBar.tsx';
import { Notices } from '../workspace/Notices.tsx';
import { CanisterGraph } from '../graph/CanisterGraph.tsx';
import { Timeline } from '../timeline/Timeline.tsx';
import { Legend } from './Legend.tsx';
import { lazyAfterFirstGraph } from './lazyAfterFirstGraph.tsx';
import { latestSource } from '../workspace/latestSource.ts';
import { useWarmDerivations } from './useWarmDerivations.ts';
import { installedModule, workspaceFiles } from '../workspace/workspaceFiles.ts';
import { sourceLanguage } from '../editor/sourceLanguage.ts';
import type { EditorDiagnostic } from '../editor/diagnosticMarkers.ts';
import { motokoClient } from '../../worker/motokoClient.ts';
import { MAIN_FILE, motokoProject } from '../../motoko/motokoProject.ts';
import { useWorkspaceSession } from '../workspace/useWorkspaceSession.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import type { StepReport } from '../../scenario/reportTypes.ts';
import { callTrail, ingressOfSteps, trailIndex } from '../calls/callTrail.ts';
import type { SubnetView } from '../../worker/protocol.ts';

export function App() {
  const { store, api } = useEngine();
  const session = useWorkspaceSession(store);
  const ws = session.workspace;
  const view = useSimulation(store, (s) => s.view);
  const allEvents = useSimulation(store, (s) => s.events);
  const moment = useSimulation(store, (s) => s.moment);
  const playheadRound = useSimulation(store, (s) => s.playhead.round);
  // Inside a round (`moment`), the graph and the timeline show the events that have happened so far.
  const events = useMemo(() => eventsAtMoment(allEvents, playheadRound, moment), [allEvents, playheadRound, moment]);
  useWarmDerivations(useSimulation(store, (s) => s.recordedEvents));
  const script = useSimulation(store, (s) => s.scenario);
  const stepReports = useSimulation(store, (s) => s.stepReports);
  const opened = useWorkspace(ws, (s) => s.opened);
  const generation = useWorkspace(ws, (s) => s.generation);
  const drafts = useWorkspace(ws, (s) => s.drafts);
  const codeErrors = useWorkspace(ws, (s) => s.codeErrors);
  const selection = useWorkspace(ws, (s) => s.selection);
  const pane = useWorkspace(ws, (s) => s.pane);
  const eventFilter = useWorkspace(ws, (s) => s.eventFilter);
  const resultsShown = useWorkspace(ws, (s) => s.resultsShown);
  // Arrow keys move between the tabs, wrapping around (the WAI-ARIA tabs pattern).
  const switchTab = useCallback((event: React.KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const at = LEFT_PANES.indexOf(ws.getState().pane);
    const next = LEFT_PANES[(at + (event.key === 'ArrowRight' ? 1 : LEFT_PANES.length - 1)) % LEFT_PANES.length];
    ws.getState().setPane(next);
    document.getElementById(`tab-${next}`)?.focus();
    event.preventDefault();
  }, [ws]);
  const presentation = useView((s) => s.presentation);
  const [positions, setPositions] = useState<Record<string, { x: number; y: number }>>({});

  const onStep = useCallback(async (step: Step) => {
    await store.getState().apply(step);
  }, [store]);

  const round = view?.round ?? 0;
  // The graph and the timeline are derived from every event so far: they render from deferred values, so React
  // renders them interruptibly and playback, typing and clicks never wait for them (no long main-thread tasks).
  const deferredView = useDeferredValue(view);
  const deferredEvents = useDeferredValue(events);
  // Except the first graph: drawn in the render that brings the first view, not in a deferred render after it, which
  // the start-up's other updates (saved workspaces read, chunks arriving) interrupt and restart (issue 16, target 7).
  // Its messages come with the deferred render that follows.
  const graphView = deferredView ?? (view && view.canisters.length <= FIRST_GRAPH_URGENT_MAX ? view : null);
  const onMove = useCallback((id: string, pos: { x: number; y: number }) => setPositions((p) => ({ ...p, [id]: pos })), []);
  const onSelect = useCallback((s: Selection) => ws.getState().select(s), [ws]);
  const onSeek = useCallback((r: number) => void store.getState().seek(r), [store]);
  // A call picked in the console: the playhead goes to the round it completed in (unless it is already past the
  // round it was submitted in and not past its end), and the graph, the timeline and the inspector show what it set in motion.
  const onPickCall = useCallback((report: StepReport) => {
    const simulation = store.getState();
    const recorded = simulation.recordedEvents;
    const index = trailIndex(recorded);
    const messageId = ingressOfSteps(simulation.scenario?.steps ?? [], simulation.stepReports, index).get(report.step);
    if (messageId === undefined) return;
    const trail = callTrail(index, messageId);
    let first = Infinity; // a loop, not `Math.min(...)`: a call's trail can hold more events than a call's arguments
    for (const index of trail.eventIndices) first = Math.min(first, index);
    ws.getState().select({ type: 'call', id: String(report.step), event: Number.isFinite(first) ? recorded[first] : undefined, trail });
    const at = simulation.playhead.round;
    // The recorded trace knows when it completed even while the playhead is before that (the report does not).
    const end = recorded.find((e) => e.kind === 'ingress_completed' && e.messageId === messageId)?.round ?? null;
    if (end !== null && end !== at && (at <= (report.submittedRound ?? 0) || at > end)) void simulation.seek(end);
  }, [store, ws]);
  const selectedCanister = useMemo(() => {
    if (!view || selection?.type !== 'canister') return view?.canisters[0] ?? null;
    return view.canisters.find((c) => c.id === selection.id || c.name === selection.id) ?? null;
  }, [view, selection]);
  /** A selected message on its way to a canister: the what-ifs are its receiver's. */
  const receiver = useMemo(() => messageReceiver(selection?.event ?? null, view?.canisters ?? []), [view, selection]);
  // Its origins indexed only while a message on its way is selected (as the inspector's sentence for it indexes them).
  const receiverMethod = useMemo(() => (receiver ? messageMethod(selection?.event ?? null, eventOrigins(allEvents)) : null), [receiver, selection, allEvents]);
  const users = view?.users.map((u) => u.name) ?? [];
  const nameOf = useCallback((principal: string) => view?.canisters.find((c) => c.id === principal)?.name ?? principal, [view]);
  const principalOf = useCallback((name: string) => view?.canisters.find((c) => c.name === name)?.id ?? null, [view]);
  const principals = useMemo(() => view ? [...view.canisters.filter((c) => c.status !== 'deleted').map((c) => ({ name: c.name, principal: c.id })), ...view.users] : [], [view]);
  const sourceOf = (name: string) => drafts[name] ?? latestSource(script ?? opened, name);
  // The editor shows a new file (a draft not deployed yet) while one is open, else the selected canister's code.
  const newFile = useWorkspace(ws, (s) => s.newFile);
  const files = useMemo(() => workspaceFiles(view?.canisters ?? [], drafts, codeErrors, script ?? opened), [view, drafts, codeErrors, script, opened]);
  const draftToDeploy = newFile !== null && files.some((f) => f.name === newFile && !f.deployed) ? newFile : null;
  const editorName = draftToDeploy ?? selectedCanister?.name ?? null;
  // A canister installed from a Wasm module has no text to edit (unless a draft was written for it since).
  const editorModule = editorName ? installedModule(script ?? opened, drafts, editorName) : null;
  const editorFile = editorName ? files.find((f) => f.name === editorName) : undefined;
  // WAT is checked by the engine worker (wabt); Motoko by moc in the Motoko worker, started on the first check.
  const diagnose = useCallback(async (text: string): Promise<readonly EditorDiagnostic[]> => {
    if (sourceLanguage(text) === 'wat') return api().diagnose(text);
    const diagnostics = await motokoClient().check(motokoProject(text));
    return diagnostics.filter((d) => d.file === MAIN_FILE).map(({ line, column, message, severity, code }) => ({ line, column, severity, message: code ? `${message} (${code})` : message }));
  }, [api]);

  return (
    <div className={`app${presentation ? ' presentation' : ''}${pane === 'code' ? ' editing' : ''}`}>
      <WorkspaceBar session={session} simulation={store} />
      <section aria-label="Notices and playback">
        <Notices simulation={store} workspace={ws} />
        <PlaybackControls store={store} />
      </section>
      <main className="panes">
        <section className="pane left">
          {opened?.title && <h2 className="workspace-title" data-testid="workspace-title">{opened.title}</h2>}
          <div role="tablist" aria-label="Left pane" className="pane-tabs">
            <button role="tab" id="tab-lesson" aria-controls="panel-lesson" aria-selected={pane === 'lesson'} tabIndex={pane === 'lesson' ? 0 : -1}
              onClick={() => ws.getState().setPane('lesson')} onKeyDown={switchTab}>Narration</button>
            <button role="tab" id="tab-code" aria-controls="panel-code" aria-selected={pane === 'code'} tabIndex={pane === 'code' ? 0 : -1}
              onClick={() => ws.getState().setPane('code')} onKeyDown={switchTab}>Code{editorName && <span className="tab-file"> · {editorName}.{editorFile?.extension ?? 'wat'}</span>}</button>
            <button role="tab" id="tab-events" aria-controls="panel-events" aria-selected={pane === 'events'} tabIndex={pane === 'events' ? 0 : -1}
              onClick={() => ws.getState().setPane('events')} onKeyDown={switchTab}>Events</button>
          </div>
          <div role="tabpanel" id="panel-lesson" aria-labelledby="tab-lesson" hidden={pane !== 'lesson'}>
            {opened?.description
              ? <Narration description={opened?.description} round={round} onSeek={onSeek} />
              : <p className="muted">This workspace has no lesson text. Its canisters' code is under Code.</p>}
            <ExercisePanel simulation={store} workspace={ws} />
            <ChecksPanel simulation={store} workspace={ws} />
          </div>
          <div role="tabpanel" id="panel-code" aria-labelledby="tab-code" hidden={pane !== 'code'}>
            {view && (
              <FileList files={files} current={editorName} takenNames={[...users, ...files.map((f) => f.name)]}
                onOpen={(file) => (file.deployed ? ws.getState().select({ type: 'canister', id: file.name }) : ws.getState().openFile(file.name))}
                onCreate={(name, source) => ws.getState().createFile(name, source)} />
            )}
            {editorName && editorModule ? (
              <ModuleSummary name={editorName} source={editorModule} canister={view?.canisters.find((c) => c.name === editorName) ?? null} />
            ) : editorName ? (
              <CanisterEditor
                key={`${generation}-${editorName}`}
                name={editorName}
                value={sourceOf(editorName)}
                onChange={(text) => ws.getState().setDraft(editorName, text)}
                diagnose={diagnose}
                onErrors={ws.getState().setCodeErrors}
              />
            ) : <p className="muted">No canister yet: create a file above, or a canister under New canister, on the right.</p>}
          </div>
          <div role="tabpanel" id="panel-events" aria-labelledby="tab-events" hidden={pane !== 'events'}>
            {/* Rendered only while shown: filtering a long run is work nobody needs behind another tab. */}
            {pane === 'events' && deferredView && (
              <EventList events={deferredEvents} view={deferredView} round={deferredView.round} filter={eventFilter}
                onFilter={ws.getState().setEventFilter} selected={selection?.event ?? null} onSelect={onSelect} />
            )}
          </div>
        </section>
        <section className="pane center">
          {graphView && (
            <Graph view={graphView} events={deferredEvents} round={graphView.round} positions={positions} onMove={onMove} onSelect={onSelect} large={presentation} trail={selection?.trail} />
          )}
          <Legend />
          {deferredView && (
            <Lanes view={deferredView} events={deferredEvents} round={deferredView.round} onSelect={onSelect as never} onSeek={onSeek} trail={selection?.trail} />
          )}
        </section>
        <section className="pane right">
          <Inspector
            canister={selection?.event ? null : selectedCanister}
            event={selection?.event ?? null}
            events={deferredEvents}
            round={round}
            memory={(id, kind, offset, length) => api().memory(id, kind, offset, length)}
            names={deferredView}
          />
          {selectedCanister && selectedCanister.status !== 'deleted' && (
            <>
              <CallPanel key={`call-${generation}-${selectedCanister.id}`} canister={selectedCanister} users={users} principals={principals} onStep={onStep} />
              <ManagePanel
                key={`manage-${generation}-${selectedCanister.id}`}
                canister={selectedCanister}
                source={sourceOf(selectedCanister.name)}
                sourceErrors={codeErrors[selectedCanister.name] ?? 0}
                senders={controllersFirst(users, view!, selectedCanister.controllers)}
                principals={principals}
                onStep={onStep}
              />
              {!receiver && <WhatIfPanel key={`what-if-${generation}-${selectedCanister.id}`} canister={selectedCanister} view={view!} onStep={onStep} />}
            </>
          )}
          {receiver && <WhatIfPanel key={`what-if-${generation}-${receiver.id}-message`} canister={receiver} view={view!} onStep={onStep} fromMessage method={receiverMethod} />}
          {view && (
            <DeployPanel
              key={`deploy-${generation}-${draftToDeploy ?? ''}`}
              draftName={draftToDeploy}
              users={users}
              takenNames={[...users, ...view.canisters.map((c) => c.name)]}
              editorSource={editorName ? sourceOf(editorName) : ''}
              editorErrors={editorName ? codeErrors[editorName] ?? 0 : 0}
              principals={principals}
              onDeploy={(step, source) => {
                const name = (step as { deploy: { name: string } }).deploy.name;
                if (source !== null) ws.getState().setDraft(name, source);
                void onStep(step).then(() => ws.getState().select({ type: 'canister', id: name }));
              }}
            />
          )}
          <CallConsole reports={stepReports} steps={script?.steps ?? []} limit={resultsShown} onShowMore={ws.getState().showMoreResults} defaultSender={script?.users[0] ?? 'user'} onPick={onPickCall} picked={selection?.type === 'call' ? Number(selection.id) : null}
            events={deferredEvents} nameOf={nameOf} principalOf={principalOf} />
        </section>
      </main>
    </div>
  );
}

/** Users who may manage the canister first (its controllers), then the others: a refusal can be shown live. */
function controllersFirst(users: readonly string[], view: SubnetView, controllers: readonly string[]): string[] {
  // Sets, not searches per user: a workspace can have a thousand users (issue 17: quadratic here froze the tab).
  const controlling = new Set(controllers);
  const principalOf = new Map(view.users.map((u) => [u.name, u.principal]));
  const isController = (name: string) => controlling.has(principalOf.get(name) ?? '');
  return [...users.filter(isController), ...users.filter((u) => !isController(u))];
}

const LEFT_PANES: readonly LeftPane[] = ['lesson', 'code', 'events'];

/** The most canisters a first graph is drawn for in an urgent render (more: deferred, as every later graph). */
const FIRST_GRAPH_URGENT_MAX = 200;

const Graph = memo(CanisterGraph);
const Lanes = memo(Timeline);

// Fetched after the first graph, in one chunk: nothing of them is needed to see the subnet (issue 16, target 7).
const laterPanels = () => import('./laterPanels.ts');
const CallPanel = lazyAfterFirstGraph(() => laterPanels().then((m) => m.CallPanel));
const WhatIfPanel = lazyAfterFirstGraph(() => laterPanels().then((m) => m.WhatIfPanel));
const ExercisePanel = lazyAfterFirstGraph(() => laterPanels().then((m) => m.ExercisePanel));
const ChecksPanel = lazyAfterFirstGraph(() => laterPanels().then((m) => m.ChecksPanel));
const CallConsole = lazyAfterFirstGraph(() => laterPanels().then((m) => m.CallConsole));
const ManagePanel = lazyAfterFirstGraph(() => laterPanels().then((m) => m.ManagePanel));
const CanisterEditor = lazyAfterFirstGraph(() => laterPanels().then((m) => m.CanisterEditor));
const DeployPanel = lazyAfterFirstGraph(() => laterPanels().then((m) => m.DeployPanel));
const FileList = lazyAfterFirstGraph(() => laterPanels().then((m) => m.FileList));
const ModuleSummary = lazyAfterFirstGraph(() => laterPanels().then((m) => m.ModuleSummary));
const EventList = lazyAfterFirstGraph(() => laterPanels().then((m) => m.EventList));
const Inspector = lazyAfterFirstGraph(() => laterPanels().then((m) => m.Inspector));

