/**
 * [ui/graph] toFlowElements over real traces: the shipped examples and small caller/callee scenarios run
 * through the engine, then mapped at given rounds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callerCalleePair } from '../../../tests/helpers/callerCanister.ts';
import type { SubnetView } from '../../worker/protocol.ts';
import { NODE_SIZE } from './graphLayout.ts';
import { cyclesSeries } from '../inspector/cyclesSeries.ts';
import type { CanisterFlowNode, GraphNode, ManagementFlowNode, MessageFlowEdge } from './graphTypes.ts';
import { MESSAGE_COLORS } from './messageStyle.ts';
import { canisterBadges } from './nodes/CanisterNode.tsx';
import { MAX_IDLE_USER_NODES, MAX_PARALLEL_MESSAGES, toFlowElements } from './toFlowElements.ts';
import { collectMessages, phaseAt } from './messageFlights.ts';
import { canisterView, eventsUpTo, exampleScenario, runForUi, type UiRun } from '../../../tests/helpers/uiFixtures.ts';
import { eventsAtMoment, iterationBoundaries } from '../../state/simulationStore.ts';
import { LESSONS } from '../../lessons/index.ts';
import type { InlineScenario } from '../../../tests/helpers/runInline.ts';

const pair = callerCalleePair;

function edgesAt(run: UiRun, round: number): MessageFlowEdge[] {
  return toFlowElements(run.view, run.events, { round }).edges;
}

/** "id phase" per edge, in send order: the compact picture of what moves at a round. */
function movingAt(run: UiRun, round: number): string[] {
  return edgesAt(run, round).map((e) => `${e.id} ${e.data!.phase}`);
}

function edge(run: UiRun, round: number, id: string): MessageFlowEdge {
  const found = edgesAt(run, round).find((e) => e.id === id);
  if (!found) throw new Error(`no edge ${id} at round ${round}`);
  return found;
}

function canisterNode(nodes: readonly GraphNode[], id: string): CanisterFlowNode {
  return nodes.find((n): n is CanisterFlowNode => n.type === 'canister' && n.id === id)!;
}

const runs: Record<string, UiRun> = {};
beforeAll(async () => {
  runs.inter = await runForUi(exampleScenario('inter-canister'));
  runs.slicing = await runForUi(exampleScenario('time-slicing'));
  runs.freezing = await runForUi(exampleScenario('freezing'));
  runs.missing = await runForUi(pair([{ call: { to: 'caller', method: 'call_inc', wait: true } }], 9));
  runs.bounded = await runForUi(pair([{ call: { to: 'caller', method: 'call_slow_bounded', wait: true } }]));
  runs.twice = await runForUi(pair([{ call: { to: 'caller', method: 'call_twice', wait: true } }]));
  runs.crowd = await runForUi(pair(Array.from({ length: 10 }, () => ({ call: { to: 'caller', method: 'call_inc' } }))));
});

describe('[ui/graph] messages in flight', () => {
  it.each([
    { scenario: 'inter', round: 0, moving: ['ingress:0 in-flight'] },
    // The call, its execution on the callee, the reply and the callback all in round 1 (ic-reference.md §7.1).
    { scenario: 'inter', round: 1, moving: ['ingress:0 arrived', 'request:0 arrived', 'response:0 arrived', 'ingress:1 in-flight'] },
    { scenario: 'inter', round: 2, moving: ['ingress:1 arrived', 'request:1 arrived', 'response:1 arrived', 'ingress:2 in-flight'] },
    { scenario: 'slicing', round: 0, moving: ['ingress:0 in-flight'] },
    { scenario: 'slicing', round: 7, moving: ['ingress:0 delivered'] },
    { scenario: 'slicing', round: 14, moving: ['ingress:0 arrived'] },
    { scenario: 'slicing', round: 15, moving: [] },
    // A call to a canister that does not exist takes the slow path through message routing (ic-reference.md §7.1).
    { scenario: 'missing', round: 1, moving: ['ingress:0 awaiting', 'request:0 in-flight'] },
    { scenario: 'missing', round: 2, moving: ['ingress:0 awaiting', 'request:0 arrived', 'response:0 in-flight'] },
    { scenario: 'bounded', round: 3, moving: ['ingress:0 arrived', 'request:0 delivered', 'timeout:0 arrived'] },
    // the late reply reaches the caller within the round and is dropped there (response_dropped)
    { scenario: 'bounded', round: 14, moving: ['request:0 arrived', 'response:0 arrived'] },
    { scenario: 'freezing', round: 2, moving: ['ingress:1 arrived', 'ingress:2 arrived', 'ingress:3 in-flight'] },
  ])('$scenario at round $round: $moving', ({ scenario, round, moving }) => {
    expect(movingAt(runs[scenario], round)).toEqual(moving);
  });

  it('inside a round, at the end of each iteration, shows the messages as they were then (the event stepper\'s moments)', () => {
    const run = runs.inter;
    const atEndOf = (iteration: number) => {
      const boundaries = iterationBoundaries(eventsUpTo(run.events, 1), 1);
      const moment = iteration < boundaries.length ? boundaries[iteration] : null;
      const events = eventsAtMoment(eventsUpTo(run.events, 1), 1, moment);
      return toFlowElements(run.view, events, { round: 1 }).edges.map((e) => `${e.id} ${e.data!.phase}`);
    };
    expect(atEndOf(1)).toEqual(['ingress:0 awaiting', 'request:0 delivered']);
    expect(atEndOf(2)).toEqual(['ingress:0 awaiting', 'request:0 arrived', 'response:0 in-flight']);
    expect(atEndOf(3)).toEqual(['ingress:0 arrived', 'request:0 arrived', 'response:0 arrived', 'ingress:1 in-flight']);
  });

  it.each([
    { name: 'a request', round: 1, id: 'request:0', from: 'caller', to: 'callee', kind: 'request', label: 'inc' },
    { name: 'a reply', round: 1, id: 'response:0', from: 'callee', to: 'caller', kind: 'response-reply', label: 'reply' },
    { name: 'attached cycles', round: 2, id: 'request:1', from: 'caller', to: 'callee', kind: 'request', label: 'accept_half · +1M cycles' },
    { name: 'a refund', round: 2, id: 'response:1', from: 'callee', to: 'caller', kind: 'response-reply', label: 'reply · refund 500K' },
    { name: 'a trap comes back as a reject', round: 3, id: 'response:2', from: 'callee', to: 'caller', kind: 'response-reject', label: 'reject IC0502' },
    { name: 'an ingress call', round: 0, id: 'ingress:0', from: 'user', to: 'caller', kind: 'ingress', label: 'call_inc' },
  ])('labels $name', ({ round, id, from, to, kind, label }) => {
    const e = edge(runs.inter, round, id);
    expect({ source: e.source, target: e.target, kind: e.data!.kind, label: e.data!.label })
      .toEqual({ source: runs.inter.id(from), target: runs.inter.id(to), kind, label });
  });

  it('colours traps and rejects red, and only once they happened', () => {
    const run = runs.inter;
    /** Round `round` as it was at the end of its first iteration. */
    const afterFirstIteration = (round: number, id: string) => {
      const events = eventsUpTo(run.events, round);
      const moment = iterationBoundaries(events, round)[1];
      return toFlowElements(run.view, eventsAtMoment(events, round, moment), { round }).edges.find((e) => e.id === id)!;
    };
    expect(edge(run, 3, 'request:2').data).toMatchObject({ trapped: true, color: MESSAGE_COLORS['response-reject'], label: 'trap · trapped' });
    expect(afterFirstIteration(3, 'request:2').data).toMatchObject({ trapped: false, color: MESSAGE_COLORS.request });
    // The callback traps in round 4's last iteration: the user's call is rejected then, not before.
    expect(afterFirstIteration(4, 'ingress:3').data).toMatchObject({ phase: 'awaiting', color: MESSAGE_COLORS.ingress });
    expect(edge(run, 4, 'ingress:3').data).toMatchObject({ phase: 'arrived', color: MESSAGE_COLORS['response-reject'] });
  });

  it('marks a reply that arrives after its call timed out as dropped', () => {
    expect(edge(runs.bounded, 3, 'timeout:0').data).toMatchObject({ kind: 'response-reject', label: 'reject code 6' });
    expect(edge(runs.bounded, 14, 'response:0').data).toMatchObject({ dropped: true, label: 'reply · dropped' });
  });

  it.each([
    { round: 1, label: 'slow · deadline in 1 s' },
    { round: 2, label: 'slow · deadline in 0 s' },
    // a deadline expires once it is before the current second (ic-reference.md §3.7): the request still runs
    { round: 3, label: 'slow · deadline passed' },
  ])('counts down a bounded-wait request\'s deadline: round $round "$label"', ({ round, label }) => {
    expect(edge(runs.bounded, round, 'request:0').data!.label).toBe(label);
    expect(edge(runs.bounded, round, 'request:0').data!.detail).toMatch(/bounded-wait call: deadline 2021-05-10 00:00:01 UTC/);
  });

  it('labels a request that expired in its callee\'s queue, unexecuted (lesson 11, round 8)', async () => {
    const lesson = await runForUi(LESSONS.find((l) => l.id === '11-bounded-wait')!.scenario as InlineScenario);
    expect(edge(lesson, 8, 'request:1').data).toMatchObject({ dropped: true, label: 'transfer · +1M cycles · expired' });
    // The first request ran (late): it is not labelled expired.
    expect(edge(lesson, 5, 'request:0').data).toMatchObject({ dropped: false, label: 'transfer · +1M cycles' });
  });

  it('shows no deadline on a guaranteed-response request', () => {
    expect(edge(runs.inter, 1, 'request:0').data!.label).toBe('inc');
  });

  it('fans out parallel messages between the same two canisters', () => {
    const sent = edgesAt(runs.twice, 1).filter((e) => e.data!.kind === 'request');
    // Both requests and both replies share the pair within round 1: four arrows fanned out.
    expect(sent.map((e) => [e.data!.parallelIndex, e.data!.parallelCount])).toEqual([[0, 4], [1, 4]]);
  });

  it('a request and its response bend on opposite own-sides, i.e. apart', () => {
    const [request, response] = [edge(runs.inter, 1, 'request:0'), edge(runs.inter, 1, 'response:0')];
    expect(request.data!.bendSign).toBe(-response.data!.bendSign);
  });

  it('draws a round from the events up to it exactly as from the whole trace (no outcome leaks back)', () => {
    for (const name of ['inter', 'slicing', 'bounded', 'freezing']) {
      const run = runs[name];
      for (let round = 0; round <= run.report.rounds; round++) {
        const whole = toFlowElements(run.view, run.events, { round });
        const prefix = toFlowElements(run.view, eventsUpTo(run.events, round), { round });
        expect(prefix.edges, `${name} round ${round}`).toEqual(whole.edges);
      }
    }
  });
});

describe('[ui/graph] crowds of messages', () => {
  it('draws up to MAX_PARALLEL_MESSAGES alike messages one by one, more as one bundle that counts them', () => {
    const run = runs.crowd;
    for (let round = 0; round <= run.report.rounds; round++) {
      const edges = edgesAt(run, round);
      const alike = new Map<string, number>();
      for (const e of edges) {
        const key = `${e.source} ${e.target} ${e.data!.color} ${e.data!.phase}`;
        alike.set(key, (alike.get(key) ?? 0) + 1);
        expect(e.data!.count === 1 || e.id.startsWith('bundle:'), e.id).toBe(true);
      }
      // Bundled or not, no group shows more than MAX_PARALLEL_MESSAGES edges.
      for (const [key, n] of alike) expect(n, `round ${round}: ${key}`).toBeLessThanOrEqual(MAX_PARALLEL_MESSAGES);
    }
    // The ten calls travel together in round 0: one bundle standing for all ten.
    const first = edgesAt(run, 0).filter((e) => e.data!.kind === 'ingress');
    expect(first).toHaveLength(1);
    expect(first[0].data!.count).toBe(10);
    expect(first[0].data!.label).toBe('10 × call_inc');
    const total = (round: number) => edgesAt(run, round).reduce((n, e) => n + e.data!.count, 0);
    const unbundled = (round: number) => collectMessages(eventsUpTo(run.events, round)).filter((f) => phaseAt(f, round) !== null).length;
    for (let round = 0; round <= run.report.rounds; round++) expect(total(round), `round ${round}`).toBe(unbundled(round));
  });
});

describe('[ui/graph] nodes', () => {
  it('has the users, the management canister and every canister, with display data', () => {
    const { nodes } = toFlowElements(runs.inter.view, runs.inter.events, { round: 4 });
    expect(nodes.map((n) => `${n.type} ${n.data.name}`)).toEqual(['user user', 'management ic', 'canister caller', 'canister callee']);
    const caller = canisterNode(nodes, runs.inter.id('caller'));
    expect(caller.data).toMatchObject({ status: 'running', frozen: false, empty: false, executions: 4 });
    expect(caller.data.cycles).toMatch(/^\d+(\.\d+)?T$/);
    expect(caller.data.trap).toBe('reply callback: Canister trapped: unreachable');
    expect(canisterNode(toFlowElements(runs.inter.view, runs.inter.events, { round: 3 }).nodes, runs.inter.id('caller')).data.trap).toBeNull();
  });

  it('shows what a canister\'s balance did in the round: the charges of an execution, nothing when idle', () => {
    const run = runs.inter;
    const balanceAt = (round: number, id: string) => BigInt((run.events.find((e) => e.kind === 'round_finished' && e.round === round)!
      .balances as { canister: string; cycles: string }[]).find((b) => b.canister === id)!.cycles);
    const caller = run.id('caller');
    const changeAt = (round: number) => canisterNode(toFlowElements(run.view, run.events, { round }).nodes, caller).data.cyclesChange;
    // Round 1: no round ended before it; its change is from the balance the set-up left, as the cycles chart has it.
    const setUp = cyclesSeries(run.events, caller).find((p) => p.round === 0)!.cycles;
    expect(changeAt(1)).toBe(String(balanceAt(1, caller) - setUp));
    expect(BigInt(changeAt(1)!), 'round 1 is the first call: the caller paid for it').toBeLessThan(0n);
    expect(changeAt(0), 'the set-up: no balance before it').toBeNull();
    const changes = [2, 3].map(changeAt);
    expect(changes).toEqual([2, 3].map((round) => String(balanceAt(round, caller) - balanceAt(round - 1, caller))));
    expect(changes.some((c) => BigInt(c!) < 0n), 'the caller paid for its executions').toBe(true);
    // The latest round of the view: its own balance (after anything applied since the round ended) counts.
    const last = canisterNode(toFlowElements(run.view, run.events, { round: run.view.round }).nodes, caller).data.cyclesChange;
    expect(last).toBe(String(BigInt(run.view.canisters.find((c) => c.id === caller)!.cycles) - balanceAt(run.view.round - 1, caller)));
  });

  it('draws the first users and every user who sent a message, not a node per user of a crowd (issue 17)', async () => {
    const users = Array.from({ length: 200 }, (_, i) => `u${i}`);
    const run = await runForUi(pair([{ call: { from: 'u150', to: 'callee', method: 'inc' } }], 1, { users }));
    const { nodes, edges } = toFlowElements(run.view, run.events, { round: 1 });
    const drawn = nodes.filter((n) => n.type === 'user').map((n) => n.data.name);
    expect(drawn).toEqual([...users.slice(0, MAX_IDLE_USER_NODES), 'u150']);
    const ids = new Set(nodes.map((n) => n.id));
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });

  it('adds a node for a canister id that does not exist, so the call to it has somewhere to go', () => {
    const { nodes, edges } = toFlowElements(runs.missing.view, runs.missing.events, { round: 2 });
    const response = edges.find((e) => e.id === 'response:0')!;
    const ghost = canisterNode(nodes, response.source);
    expect(ghost.data.status).toBe('missing');
    expect(response.data!.label).toBe('reject IC0301');
  });

  it('shows the management methods handled in the round and frozen/empty canisters', () => {
    const { nodes } = toFlowElements(runs.freezing.view, runs.freezing.events, { round: 2 });
    expect(nodes.find((n): n is ManagementFlowNode => n.type === 'management')!.data.calls).toEqual(['update_settings']);
    // The final view: uninstalled for lack of cycles.
    expect(canisterNode(nodes, runs.freezing.id('counter')).data).toMatchObject({ empty: true });
  });

  it.each([
    { what: 'a long message part-way through its slices', aborted: false, badge: '3/14' },
    { what: 'a long message aborted at a checkpoint, waiting to restart', aborted: true, badge: 'aborted' },
  ])('shows $what', ({ aborted, badge }) => {
    const view: SubnetView = {
      ...runs.slicing.view,
      canisters: runs.slicing.view.canisters.map((c) => ({ ...c, paused: { entryPoint: 'canister_update long', slice: 3, slices: 14, aborted } })),
    };
    const node = canisterNode(toFlowElements(view, runs.slicing.events, { round: 3 }).nodes, runs.slicing.id('worker'));
    expect(node.data).toMatchObject({ paused: badge, pausedEntryPoint: 'canister_update long' });
  });

  it.each([
    { what: 'for one method', plannedTrap: { method: 'inc', message: 'm' }, data: 'inc', title: 'What if: its next call to inc traps as it begins (planned by the scenario).' },
    { what: 'for any update call', plannedTrap: { method: null, message: 'm' }, data: '', title: 'What if: its next update call traps as it begins (planned by the scenario).' },
  ])('badges a trap planned $what (the trap what-if)', ({ plannedTrap, data, title }) => {
    const view: SubnetView = { ...runs.slicing.view, canisters: runs.slicing.view.canisters.map((c) => ({ ...c, plannedTrap })) };
    const node = canisterNode(toFlowElements(view, runs.slicing.events, { round: 3 }).nodes, runs.slicing.id('worker'));
    expect(node.data.plannedTrap).toBe(data);
    expect(canisterBadges(node.data).filter((b) => b.key === 'planned-trap')).toEqual([{ key: 'planned-trap', text: 'traps next', tone: 'warn', title }]);
    const none = canisterNode(toFlowElements(runs.slicing.view, runs.slicing.events, { round: 3 }).nodes, runs.slicing.id('worker'));
    expect(canisterBadges(none.data).map((b) => b.key)).not.toContain('planned-trap');
  });
});

describe('[ui/graph] layout', () => {
  const manyView: SubnetView = {
    round: 0, timeNs: '0', idle: true,
    users: ['alice', 'bob', 'carol'].map((name, i) => ({ name, principal: `user-${i}` })),
    canisters: Array.from({ length: 20 }, (_, i) => canisterView(`canister-${String(i).padStart(2, '0')}`, `c${i}`)),
    totals: { cyclesBurned: '0', instructions: '0', executions: 0 }, queueCapacity: '500',
  };

  it('places 20 canisters, 3 users and the management canister without overlaps', () => {
    const { nodes } = toFlowElements(manyView, [], { round: 0 });
    expect(nodes).toHaveLength(24);
    for (const [i, a] of nodes.entries()) {
      expect(a.width, a.id).toBe(NODE_SIZE[a.type].width);
      for (const b of nodes.slice(i + 1)) {
        const apart = a.position.x + a.width! <= b.position.x || b.position.x + b.width! <= a.position.x
          || a.position.y + a.height! <= b.position.y || b.position.y + b.height! <= a.position.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('is deterministic, in creation order: a top row of users left of the management canister, canisters below', () => {
    const first = toFlowElements(manyView, [], { round: 0 }).nodes;
    expect(toFlowElements(manyView, [], { round: 0 }).nodes).toEqual(first);
    const canisters = first.filter((n) => n.type === 'canister');
    expect(canisters.map((n) => n.id)).toEqual(manyView.canisters.map((c) => c.id));
    const rowsOf = new Set(canisters.map((n) => n.position.y));
    expect(rowsOf.size).toBe(4);
    const management = first.find((n) => n.type === 'management')!;
    const users = first.filter((n) => n.type === 'user');
    const topRowBottom = Math.max(...[management, ...users].map((n) => n.position.y + n.height!));
    for (const c of canisters) expect(c.position.y).toBeGreaterThan(topRowBottom);
    for (const u of users) expect(management.position.x).toBeGreaterThan(u.position.x + u.width!);
    // No wider than the canister grid when the users fit beside the management canister.
    const right = (n: typeof first[number]) => n.position.x + n.width!;
    expect(Math.max(...first.map(right))).toBe(Math.max(...canisters.map(right)));
  });

  it('never overlaps two nodes, for any number of users and canisters', () => {
    for (const [userCount, canisterCount] of [[1, 1], [2, 1], [3, 2], [1, 20], [4, 0], [0, 3]]) {
      const view = { ...manyView, users: manyView.users.slice(0, 1).flatMap((u) => Array.from({ length: userCount }, (_, i) => ({ ...u, name: `u${i}`, principal: `${u.principal}${i}` }))), canisters: manyView.canisters.slice(0, canisterCount) };
      const nodes = toFlowElements(view, [], { round: 0 }).nodes;
      for (const a of nodes) for (const b of nodes) {
        if (a === b) continue;
        const apart = a.position.x + a.width! <= b.position.x || b.position.x + b.width! <= a.position.x
          || a.position.y + a.height! <= b.position.y || b.position.y + b.height! <= a.position.y;
        expect(apart, `${a.id} and ${b.id} with ${userCount} users, ${canisterCount} canisters`).toBe(true);
      }
    }
  });

  it('lets dragged positions override the layout, and only for the nodes dragged', () => {
    const plain = toFlowElements(manyView, [], { round: 0 }).nodes;
    const moved = toFlowElements(manyView, [], { round: 0, positions: { 'canister-03': { x: -500, y: 42 } } }).nodes;
    expect(moved.find((n) => n.id === 'canister-03')!.position).toEqual({ x: -500, y: 42 });
    expect(moved.filter((n) => n.id !== 'canister-03')).toEqual(plain.filter((n) => n.id !== 'canister-03'));
  });
});
