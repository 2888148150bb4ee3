/**
 * A scenario's check judged against the subnet as it is now (docs/SCENARIO-EXTENSIONS.md "Checks"): held or not,
 * with what was expected and what was seen in words a learner reads, or `null` while it cannot apply yet (a canister
 * it names is deployed by a later step). Checks that remember the run (no trap so far, a sum that must stay what it
 * first was) get what they remember from `CheckMemory`; `checkMonitor.ts` keeps it.
 */
import { IDL } from '@dfinity/candid';
import { canisterGlobals, isFrozen, type CanisterState as Canister, type QueryResult, type Subnet, type SubnetState } from '../engine/index.ts';
import { argToBytes } from './argToBytes.ts';
import { queryStepReport } from './buildReport.ts';
import { callCandid, expectedArgs } from './callCandid.ts';
import { resolvePrincipal, type LoadedScenario } from './loadScenario.ts';
import { describeBytes, stepExpectations } from './stepExpectations.ts';
import type { Arg, CanisterCheck, ConstantSumCheck, GlobalCheck, QueryCheck, ScenarioCheck } from './scenarioTypes.ts';

export interface CheckVerdict {
  readonly pass: boolean;
  readonly expected: string;
  readonly seen: string;
  /** The round what was seen happened in, when it is not now (a trap's). */
  readonly round?: number;
}

/** What a check may ask of the run besides its present state. */
export interface CheckMemory {
  /** The first trap of canister `id` so far, in words, or null. */
  firstTrap(id: string): { round: number; text: string } | null;
  /** The sum a `constantSum` check first read (null: not read yet). */
  readonly baseline: bigint | null;
}

export interface CheckContext {
  readonly subnet: Subnet;
  readonly loaded: LoadedScenario;
  /** Asks a query as an observer (`Subnet.observe`), counting what it used against the run's limits. */
  observe(from: string, to: string, method: string, arg: Uint8Array): QueryResult;
}

/** `query counter.get`, `canister counter`, `global counter.count`, `no trap in counter`, `constant sum of …`. */
export function describeCheck(check: ScenarioCheck): string {
  if ('query' in check) return `query ${check.query.to}.${check.query.method}${argSuffix(check.query.arg)}`;
  if ('canister' in check) return `canister ${check.canister.name}`;
  if ('global' in check) return `global ${check.global.canister}.${check.global.name}`;
  if ('noTrap' in check) return `no trap in ${check.noTrap.canister}`;
  return `constant sum of ${check.constantSum.queries.map((q) => `${q.to}.${q.method}${argSuffix(q.arg)}`).join(' + ')}`;
}

function argSuffix(arg: Arg | undefined): string {
  if (arg === undefined) return '';
  if ('text' in arg) return `(${JSON.stringify(arg.text)})`;
  if ('candid' in arg) return arg.candid.trim().startsWith('(') ? arg.candid.trim() : `(${arg.candid.trim()})`;
  return `(${'hex' in arg ? `0x${arg.hex}` : arg.base64})`;
}

/** The canister ids a check is about, as far as they exist yet: the events that may have broken it are theirs. */
export function checkCanisters(check: ScenarioCheck, loaded: LoadedScenario): string[] {
  const names = 'query' in check ? [check.query.to] : 'canister' in check ? [check.canister.name]
    : 'global' in check ? [check.global.canister] : 'noTrap' in check ? [check.noTrap.canister] : check.constantSum.queries.map((q) => q.to);
  return names.flatMap((name) => resolvePrincipal(loaded, name) ?? []);
}

export function checkVerdict(check: ScenarioCheck, ctx: CheckContext, memory: CheckMemory): CheckVerdict | null {
  if ('query' in check) return queryVerdict(check.query, ctx);
  if ('canister' in check) return canisterVerdict(check.canister, ctx);
  if ('global' in check) return globalVerdict(check.global, ctx);
  if ('noTrap' in check) {
    const id = resolvePrincipal(ctx.loaded, check.noTrap.canister);
    if (id === null) return null;
    const trap = memory.firstTrap(id);
    return trap ? { pass: false, expected: 'no trap', seen: trap.text, round: trap.round } : { pass: true, expected: 'no trap', seen: 'no trap' };
  }
  const sum = readSum(check.constantSum, ctx);
  if (sum === null) return null;
  if ('unreadable' in sum) return memory.baseline === null ? null : { pass: false, expected: `the sum ${memory.baseline}`, seen: sum.unreadable };
  const baseline = memory.baseline ?? sum.sum;
  const terms = sum.terms.length > 1 ? ` (${sum.terms.join(' + ')})` : '';
  return { pass: sum.sum === baseline, expected: `the sum ${baseline}`, seen: `the sum ${sum.sum}${terms}` };
}

/** The sum a `constantSum` check reads now: its terms, or why one cannot be read; null while a canister is not deployed yet. */
export function readSum(check: ConstantSumCheck, ctx: CheckContext): { sum: bigint; terms: string[] } | { unreadable: string } | null {
  let sum = 0n;
  const terms: string[] = [];
  for (const query of check.queries) {
    const asked = ask(query, ctx);
    if (asked === null) return null;
    if ('problem' in asked) return { unreadable: asked.problem };
    const what = `${query.to}.${query.method}${argSuffix(query.arg)}`;
    if (asked.result.type === 'reject') return { unreadable: `${what} was rejected (${asked.result.reject.rejectCode} ${asked.result.reject.errorCode ?? ''}: ${asked.result.reject.message})` };
    const value = replyNumber(asked.result.data);
    if (value === null) return { unreadable: `${what} replied ${describeBytes(asked.result.data)}, not a number` };
    sum += value;
    terms.push(String(value));
  }
  return { sum, terms };
}

type Asked = { result: QueryResult; candid: ReturnType<typeof callCandid> } | { problem: string } | null;

function ask(query: { from?: string; to: string; method: string; arg?: Arg }, ctx: CheckContext): Asked {
  const to = resolvePrincipal(ctx.loaded, query.to);
  if (to === null) return null;
  const from = resolvePrincipal(ctx.loaded, query.from ?? ctx.loaded.scenario.users[0])!;
  const candid = callCandid(ctx.subnet, to, query.method, query.arg);
  const arg = argToBytes(query.arg, expectedArgs(candid));
  if (!arg.ok) return { problem: `${query.to}.${query.method}: arg: ${arg.error}` };
  return { result: ctx.observe(from, to, query.method, arg.bytes), candid };
}

function queryVerdict(check: QueryCheck, ctx: CheckContext): CheckVerdict | null {
  const asked = ask(check, ctx);
  if (asked === null) return null;
  if ('problem' in asked) return { pass: false, expected: 'a query it can ask', seen: asked.problem };
  const report = queryStepReport(0, asked.result, ctx.subnet.state.round, asked.candid);
  const entries = stepExpectations(check.expect, report, check.method, asked.candid);
  return {
    pass: entries.every((e) => e.pass),
    expected: entries.map((e) => `${e.what} ${e.expected}`).join('; '),
    seen: entries.map((e) => `${e.what} ${e.seen}`).join('; '),
  };
}

function canisterVerdict(check: CanisterCheck, ctx: CheckContext): CheckVerdict | null {
  const id = resolvePrincipal(ctx.loaded, check.name);
  if (id === null) return null;
  const state = ctx.subnet.state;
  const canister = state.canisters.get(id);
  // The fields given, in the table's order: what is wanted, whether a canister has it, what it has.
  const fields = CANISTER_FIELDS.filter((field) => check[field.key] !== undefined);
  const expected = fields.map((field) => field.wanted(check)).join('; ');
  if (!canister) return { pass: false, expected, seen: 'no such canister' };
  const seen = new Set(fields.map((field) => field.got(canister, state)));
  return { pass: fields.every((field) => field.holds(check, canister, state)), expected, seen: [...seen].join('; ') };
}

const statusOf = (canister: Canister) => (canister.deleted ? 'deleted' : canister.status);
const frozenOf = (canister: Canister, state: SubnetState) => !canister.deleted && isFrozen(state, canister);
const frozenWords = (frozen: boolean) => (frozen ? 'frozen' : 'not frozen');

const CANISTER_FIELDS: readonly {
  readonly key: keyof Omit<CanisterCheck, 'name'>;
  readonly wanted: (check: CanisterCheck) => string;
  readonly holds: (check: CanisterCheck, canister: Canister, state: SubnetState) => boolean;
  readonly got: (canister: Canister, state: SubnetState) => string;
}[] = [
  { key: 'status', wanted: (c) => `status ${c.status}`, holds: (c, canister) => statusOf(canister) === c.status, got: (canister) => `status ${statusOf(canister)}` },
  { key: 'frozen', wanted: (c) => frozenWords(c.frozen!), holds: (c, canister, state) => frozenOf(canister, state) === c.frozen, got: (canister, state) => frozenWords(frozenOf(canister, state)) },
  { key: 'cyclesAtLeast', wanted: (c) => `at least ${c.cyclesAtLeast} cycles`, holds: (c, canister) => canister.cycles >= BigInt(c.cyclesAtLeast!), got: (canister) => `${canister.cycles} cycles` },
  { key: 'cyclesAtMost', wanted: (c) => `at most ${c.cyclesAtMost} cycles`, holds: (c, canister) => canister.cycles <= BigInt(c.cyclesAtMost!), got: (canister) => `${canister.cycles} cycles` },
];

function globalVerdict(check: GlobalCheck, ctx: CheckContext): CheckVerdict | null {
  const id = resolvePrincipal(ctx.loaded, check.canister);
  if (id === null) return null;
  const canister = ctx.subnet.state.canisters.get(id);
  const expected = `${check.name} = ${check.value}`;
  const runtime = canister?.deleted ? null : canister?.runtime;
  if (!runtime) return { pass: false, expected, seen: canister ? `${check.canister} has no code installed` : 'no such canister' };
  const globals = canisterGlobals(runtime, ctx.subnet.state.round, ctx.loaded.globalNames.get(canister!.moduleHash ?? ''));
  const global = globals.find((g) => g.name === check.name || g.name === `$${check.name}` || `$${g.name}` === check.name);
  if (!global) {
    const names = globals.map((g) => g.name);
    return { pass: false, expected, seen: `no mutable global named ${check.name} (${names.length ? `it has ${names.join(', ')}` : 'it has none'})` };
  }
  const integer = global.type === 'i32' || global.type === 'i64';
  const same = integer && /^-?[0-9]+$/.test(check.value) ? BigInt(global.value) === BigInt(check.value) : Number(global.value) === Number(check.value);
  return { pass: same, expected, seen: `${global.name} = ${global.value}` };
}

/**
 * A reply as a number: Candid holding one integer (`nat`, `int` and their fixed-width kinds), else 1, 2, 4 or 8 bytes
 * read little-endian as unsigned (how a WAT counter replies); null otherwise.
 */
export function replyNumber(bytes: Uint8Array): bigint | null {
  if (isCandid(bytes)) {
    try {
      // Decoded as `IDL.Unknown`, a value comes boxed, carrying the type read off the wire.
      const [value] = IDL.decode([IDL.Unknown], bytes) as unknown as [{ type?: () => IDL.Type; valueOf(): unknown }];
      const type = value?.type?.();
      const integer = type instanceof IDL.NatClass || type instanceof IDL.IntClass || type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass;
      const number = value?.valueOf();
      if (integer && (typeof number === 'bigint' || typeof number === 'number')) return BigInt(number);
    } catch {
      // not one integer: no number
    }
    return null;
  }
  if (bytes.length !== 1 && bytes.length !== 2 && bytes.length !== 4 && bytes.length !== 8) return null;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

function isCandid(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x44 && bytes[1] === 0x49 && bytes[2] === 0x44 && bytes[3] === 0x4c;
}
