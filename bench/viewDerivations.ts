/**
 * `npx tsx bench/viewDerivations.ts [rounds] [other checkout]`: what a move of the playhead costs the page's
 * derivations over a long trace (issue 16, targets 1 and 6): a workspace of `rounds` calls each followed by a tick
 * (as `bench/sliderDrag.ts`), its whole trace derived once (the app holds it), then 40 moves from the end to round 0
 * as a drag makes them, each deriving the graph at the round (`toFlowElements`) and the timeline's rounds in view
 * (`toTimeline`, 30 rounds). Given the path of another checkout (e.g. a `git worktree` of an earlier commit, with
 * `node_modules` linked), its derivations run on the same trace, interleaved move by move, for a ratio measured side
 * by side. Part of `npm run bench` (this checkout only). Prints figures; asserts nothing.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runForUi } from '../tests/helpers/uiFixtures.ts';
import type { EventView, SubnetView } from '../src/worker/protocol.ts';
import { countBefore } from '../src/ui/graph/countBefore.ts';
import { isMainModule, machineLine, median, timeMs } from './measure.ts';

const WAT = '(module (import "ic0" "msg_reply" (func $reply)) (memory 1) (func (export "canister_update inc") (call $reply)))';

interface Derivations {
  readonly name: string;
  readonly graph: (view: SubnetView, events: readonly EventView[], options: { round: number }) => unknown;
  readonly timeline: (view: SubnetView, events: readonly EventView[], window: { from: number; to: number }) => unknown;
}

async function derivationsAt(root: string, name: string): Promise<Derivations> {
  const graph = await import(pathToFileURL(resolve(root, 'src/ui/graph/toFlowElements.ts')).href);
  const timeline = await import(pathToFileURL(resolve(root, 'src/ui/timeline/toTimeline.ts')).href);
  return { name, graph: graph.toFlowElements, timeline: timeline.toTimeline };
}

export async function viewDerivationsSection(rounds = 10_000, other?: string): Promise<string[]> {
  const run = await runForUi({
    subnet: { preset: 'classroom' }, canisters: [{ name: 'c0', source: { wat: WAT } }],
    steps: Array.from({ length: rounds }, () => [{ call: { to: 'c0', method: 'inc' } }, { tick: 1 }]).flat(),
  });
  const all = run.events;
  const last = all[all.length - 1].round;
  const sets = [await derivationsAt(resolve(import.meta.dirname, '..'), 'this checkout')];
  if (other) sets.push(await derivationsAt(other, other));
  const lines = [`A move of the playhead over ${all.length.toLocaleString('en-US')} events (${rounds.toLocaleString('en-US')} calls): the graph at the round and the timeline's 30 rounds in view, 40 moves from the end to round 0`, ''];
  // The events the app holds at a round: up to its end (a prefix of the whole trace).
  const upTo = (round: number) => all.slice(0, countBefore(all, (e) => e.round > round));
  const moves = Array.from({ length: 40 }, (_, i) => Math.round(last * (1 - (i + 1) / 40)));
  const prefixes = moves.map(upTo);
  for (let rep = 0; rep < 3; rep++) {
    const times = new Map(sets.map((s) => [s.name, [] as number[]]));
    for (const s of sets) {
      s.graph(run.view, all, { round: last });
      s.timeline(run.view, all, { from: last - 30, to: last });
    }
    moves.forEach((round, i) => {
      for (const s of sets) {
        const view = { ...run.view, round };
        times.get(s.name)!.push(timeMs(() => {
          s.graph(view, prefixes[i], { round });
          s.timeline(view, prefixes[i], { from: Math.max(0, round - 15), to: round + 15 });
        }));
      }
    });
    for (const [name, t] of times) {
      lines.push(`- run ${rep + 1}, ${name}: a move ${median(t).toFixed(2)} ms median, ${Math.max(...t).toFixed(1)} ms at most, ${t.reduce((a, b) => a + b, 0).toFixed(0)} ms for the 40`);
    }
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  console.log(machineLine());
  for (const line of await viewDerivationsSection(Number(process.argv[2] ?? 10_000), process.argv[3])) console.log(line);
}
