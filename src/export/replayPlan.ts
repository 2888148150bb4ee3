/**
 * What an exported PocketIC test replays (issue 15): the scenario played once more, step by step, noting the exact
 * messages each step sent — the ingress messages' senders, receivers, methods and argument bytes as the engine
 * received them (a management step's Candid, a chunked install's uploads included), a query's argument, a canister
 * created with its controllers, settings, module and init argument — and what the report recorded for it.
 */
import type { IngressRecord } from '../engine/index.ts';
import { resolvePrincipal, type LoadedScenario } from '../scenario/loadScenario.ts';
import type { TraceReport } from '../scenario/reportTypes.ts';
import { canisterCreation, queryRequest, ScenarioSession, stepWaits, type CanisterCreation, type RunOptions } from '../scenario/scenarioSession.ts';
import type { CanisterSpec, Scenario, Step } from '../scenario/scenarioTypes.ts';

/** A canister created by the set-up (`step` null) or by a `deploy` step, as the engine made it. */
export interface PlannedCanister extends CanisterCreation {
  readonly kind: 'create';
  readonly step: number | null;
  readonly name: string;
  readonly id: string;
  readonly settings: NonNullable<CanisterSpec['settings']>;
  readonly wasm: Uint8Array;
  readonly spec: CanisterSpec;
}

export interface PlannedMessage {
  readonly sender: string;
  readonly receiver: string;
  readonly method: string;
  readonly arg: Uint8Array;
  /** For a management call, the canister it is about (PocketIC routes it by that). */
  readonly effectiveCanister: string | null;
}

export type PlannedAction =
  | PlannedCanister
  /** A call or management step: its messages in the order sent; `main` is the one the step reports on. */
  | { readonly kind: 'submit'; readonly step: number; readonly messages: readonly PlannedMessage[]; readonly main: number; readonly wait: boolean; readonly stepKind: 'call' | 'manage'; readonly method: string }
  | { readonly kind: 'query'; readonly step: number; readonly message: PlannedMessage }
  | { readonly kind: 'tick'; readonly step: number; readonly rounds: number }
  | { readonly kind: 'advanceTime'; readonly step: number; readonly seconds: bigint }
  | { readonly kind: 'topUp'; readonly step: number; readonly canister: string; readonly cycles: bigint };

export interface ReplayPlan {
  readonly scenario: Scenario;
  readonly loaded: LoadedScenario;
  readonly actions: readonly PlannedAction[];
  readonly report: TraceReport;
}

export type PlanResult = { ok: true; plan: ReplayPlan } | { ok: false; error: string };

export async function replayPlan(scenario: Scenario, options: RunOptions = {}): Promise<PlanResult> {
  const started = await ScenarioSession.start(scenario, options);
  if (!started.ok) return started;
  const session = started.session;
  const { loaded, subnet } = session;
  const actions: PlannedAction[] = scenario.canisters.map((spec) => plannedCanister(loaded, spec, null, loaded.canisterWasm.get(spec.name)!));
  for (const [index, step] of scenario.steps.entries()) {
    if ('setParams' in step) {
      // PocketIC's subnets run with the replica's configuration: a replay without the step would assert outcomes it changed.
      const names = Object.keys(step.setParams.params).join(', ');
      return { ok: false, error: `step ${index} (setParams) changes ${names} during the run, which PocketIC cannot do (its subnets keep the replica's configuration); remove the step to export` };
    }
    if ('checkpoint' in step) {
      // A checkpoint that aborts nothing changes nothing; one that does, PocketIC cannot place at a chosen round.
      const nameOf = new Map(Object.entries(loaded.principals).map(([name, principal]) => [principal, name]));
      const paused = subnet.canistersMidExecution().map((id) => nameOf.get(id) ?? id);
      if (paused.length > 0) {
        return { ok: false, error: `step ${index} (checkpoint) aborts the long execution of ${paused.join(', ')}, which PocketIC cannot do at a chosen round (its checkpoints come on its own schedule); remove the step to export` };
      }
    }
    if ('trap' in step) {
      // PocketIC runs the canister's code as it is: a trap the scenario plans cannot be put into it.
      return { ok: false, error: `step ${index} (trap) makes a call to ${step.trap.canister} trap, which PocketIC cannot do (a canister traps by its own code there); remove the step to export` };
    }
    const ingressBefore = subnet.state.ingress.size;
    // A query's argument is typed by its receiver's interface as it is when the step runs.
    const query = 'query' in step ? queryMessage(session, step.query) : null;
    const applied = session.apply(step);
    if (!applied.ok) return applied;
    const sent = [...subnet.state.ingress.values()].slice(ingressBefore);
    const action = plannedAction(session, index, step, sent, applied.outcome.type === 'ingress' ? applied.outcome.messageId : null, query);
    if (action) actions.push(action);
  }
  session.drain();
  return { ok: true, plan: { scenario, loaded, actions, report: session.traceReport() } };
}

function plannedAction(session: ScenarioSession, index: number, step: Step, sent: IngressRecord[], mainId: number | null, query: PlannedMessage | null): PlannedAction | null {
  if ('call' in step || 'manage' in step) {
    const main = sent.findIndex((record) => record.id === mainId);
    return {
      kind: 'submit', step: index, messages: sent.map(plannedMessage), main, wait: stepWaits(step),
      stepKind: 'call' in step ? 'call' : 'manage', method: sent[main].method,
    };
  }
  if ('query' in step) return { kind: 'query', step: index, message: query! };
  if ('tick' in step) return { kind: 'tick', step: index, rounds: step.tick };
  if ('advanceTime' in step) return { kind: 'advanceTime', step: index, seconds: BigInt(step.advanceTime.seconds) };
  if ('topUp' in step) return { kind: 'topUp', step: index, canister: resolvePrincipal(session.loaded, step.topUp.canister)!, cycles: BigInt(step.topUp.cycles) };
  if ('deploy' in step) return plannedCanister(session.loaded, step.deploy, index, session.loaded.stepWasm.get(index)!);
  return null;
}

function plannedMessage(record: IngressRecord): PlannedMessage {
  return { sender: record.sender, receiver: record.receiver, method: record.method, arg: record.arg, effectiveCanister: record.effectiveCanister };
}

/** A query step's message, its argument made as the session makes it (`queryRequest`); null when the step is refused. */
function queryMessage(session: ScenarioSession, q: Extract<Step, { query: unknown }>['query']): PlannedMessage | null {
  const request = queryRequest(session.subnet, session.loaded, q);
  if (typeof request === 'string') return null; // the step itself is refused with the reason
  return { sender: request.sender, receiver: request.receiver, method: q.method, arg: request.arg, effectiveCanister: null };
}

/** A canister as the session made it (`canisterCreation`): it has been made, so its names resolve. */
function plannedCanister(loaded: LoadedScenario, spec: CanisterSpec, step: number | null, wasm: Uint8Array): PlannedCanister {
  const creation = canisterCreation(loaded, spec, wasm) as CanisterCreation;
  return { kind: 'create', step, name: spec.name, id: loaded.principals[spec.name], settings: spec.settings ?? {}, wasm, spec, ...creation };
}

/** The canisters the replay creates itself (the set-up's and the `deploy` steps'), in creation order. */
export function plannedCanisters(plan: ReplayPlan): PlannedCanister[] {
  return plan.actions.filter((action): action is PlannedCanister => action.kind === 'create');
}
