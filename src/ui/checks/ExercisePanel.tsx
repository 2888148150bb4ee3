/**
 * An exercise under its task (docs/SCENARIO-EXTENSIONS.md "Exercises"): **Check my code** plays the exercise with the
 * code in the editor in place of the starter, on a subnet of its own (the workspace is not touched), and lists
 * every expectation and check, held or not, in words; hints are revealed one at a time; the solution may be shown
 * (beside the learner's code, never over it: nothing they wrote is replaced).
 */
import { lazy, Suspense } from 'react';
import { useSimulation, type SimulationStore } from '../../state/simulationStore.ts';
import { useWorkspace, type WorkspaceStore } from '../../state/workspaceStore.ts';
import { exerciseAttempt, isExercise } from '../../scenario/exerciseAttempt.ts';
import { latestSource, sourceText } from '../workspace/latestSource.ts';
import { sourceFromText } from '../editor/sourceLanguage.ts';
import { describeVerdict } from './describeVerdict.ts';

const NarrationMarkdown = lazy(() => import('../workspace/NarrationMarkdown.tsx'));

export function ExercisePanel({ simulation, workspace }: { simulation: SimulationStore; workspace: WorkspaceStore }) {
  const script = useSimulation(simulation, (s) => s.scenario);
  const busy = useSimulation(simulation, (s) => s.busy);
  const drafts = useWorkspace(workspace, (s) => s.drafts);
  const progress = useWorkspace(workspace, (s) => s.exercise);
  if (!isExercise(script)) return null;
  const { exercise } = script;
  const name = exercise.canister;
  const code = drafts[name] ?? latestSource(script, name);
  const hints = exercise.hints ?? [];
  const solution = sourceText(exercise.solution);

  const check = () => void workspace.getState().checkExercise(code, exerciseAttempt(script, sourceFromText(code)));
  const verdict = progress.verdict && describeVerdict(progress.verdict.result, exercise.steps ?? script.steps);

  return (
    <section className="exercise" aria-labelledby="exercise-title" data-testid="exercise">
      <h3 id="exercise-title">Exercise</h3>
      <p>
        Write <code>{name}</code>'s code in the{' '}
        <button className="link" onClick={() => { workspace.getState().select({ type: 'canister', id: name }); workspace.getState().setPane('code'); }}>Code tab</button>,
        then check it: it is solved when every expectation and check holds.
      </p>
      <p>
        <button onClick={check} disabled={busy || progress.checking}>Check my code</button>
        {progress.checking && <span className="muted"> Checking…</span>}
      </p>
      {verdict && (
        <div className="verdict" data-testid="exercise-verdict">
          <p role="status" className={verdict.solved ? 'held' : 'not-held'}><strong>{verdict.headline}</strong></p>
          {progress.verdict!.code !== code && <p className="muted">Your code has changed since this check.</p>}
          <ul>
            {verdict.lines.map((line, i) => <li key={i} className={line.pass ? 'held' : 'not-held'}><span aria-hidden="true">{line.pass ? '✓' : '✗'} </span>{line.text}</li>)}
          </ul>
        </div>
      )}
      {hints.length > 0 && (
        <div className="hints">
          <ol>
            {hints.slice(0, progress.hintsShown).map((hint, i) => (
              <li key={i}><Suspense fallback={<p>{hint}</p>}><NarrationMarkdown markdown={hint} /></Suspense></li>
            ))}
          </ol>
          {progress.hintsShown < hints.length && (
            <button onClick={() => workspace.getState().showHint()}>
              {progress.hintsShown === 0 ? 'Show a hint' : 'Show another hint'} ({progress.hintsShown + 1} of {hints.length})
            </button>
          )}
        </div>
      )}
      {solution !== '' && (
        <details className="solution">
          <summary>Show the solution</summary>
          <p className="muted">Read it beside yours: your code stays as you wrote it.</p>
          <pre>{solution}</pre>
        </details>
      )}
    </section>
  );
}
