/**
 * The exported project's PocketIC test (issue 15): `tests/scenario.test.ts`, written for vitest and `@dfinity/pic`
 * 0.23 (its README and type declarations: PocketIc.create, createCanister with targetCanisterId/targetSubnetId,
 * installCode, queryCall, tick, advanceTime, addCycles, canisterStatus). It creates the scenario's canisters with
 * the ids the playground gave them, installs what `icp build` built, sends the exact messages the playground sent,
 * in the same order and between the same ticks, and asserts the replies, reject codes and statuses the playground's
 * report recorded: the scenario becomes a regression test against the real replica.
 */
import { bytesToHex, ErrorCode, errorCodeText } from '../engine/index.ts';
import type { StepReport } from '../scenario/reportTypes.ts';
import { SETTING_FIELDS } from './settingFields.ts';
import { plannedCanisters, type PlannedAction, type PlannedCanister, type PlannedMessage, type ReplayPlan } from './replayPlan.ts';

const MANAGEMENT = 'aaaaa-aa';

/** Arguments longer than this go to a file of their own in `args/` (an install_code's module, a chunk). */
const INLINE_ARG_BYTES = 1024;

/** The test, and the argument files it reads (path → bytes). */
export interface PicTestFiles {
  readonly test: string;
  readonly args: ReadonlyMap<string, Uint8Array>;
}

export function picTest(plan: ReplayPlan): PicTestFiles {
  const names = principalNames(plan);
  const ref = (principal: string) => names.get(principal) ?? `Principal.fromText(${JSON.stringify(principal)})`;
  const args = new Map<string, Uint8Array>();
  const argText = (owner: string, bytes: Uint8Array): string => {
    if (bytes.length <= INLINE_ARG_BYTES) return `'${bytesToHex(bytes)}'`;
    const path = `args/${owner}-${args.size}.bin`;
    args.set(path, bytes);
    return `argFile('${path}')`;
  };
  const replay = plan.actions.flatMap((action) => replayLines(plan, action, ref, argText).map((line) => `    ${line}`));
  const title = plan.scenario.title ?? 'the scenario';
  const created = createdIds(plan);
  return { args, test: `/**
 * ${title.replace(/\*\//g, '* /')}: the playground's scenario (scenario.json) replayed on PocketIC.
 *
 * Written by Canister Playground. The canisters are created with the ids the playground gave them, which PocketIC
 * hosts on its NNS subnet (the first canister ids of the IC are the NNS subnet's); they run the modules \`icp build\`
 * built (.icp/cache/artifacts/), and receive the exact messages the playground sent, in the same order and between
 * the same rounds. Each step's outcome is compared with what the playground recorded.
 *
 * Where they differ, the playground and the replica disagree — or the scenario depends on something they count
 * differently: the NNS subnet is a system subnet, where canisters are not charged cycles (so nothing freezes or
 * runs out of cycles there), and replies that carry a time, a balance or an instruction count are the replica's own.${
  Object.values(plan.report.canisters).some((c) => !created.has(c.id)) ? `
 * Canisters that canisters create get ids PocketIC mints, which need not be the ones the playground minted.` : ''}
 * Run it with \`npm test\` (icp build, then vitest); PocketIC's server is fetched by @dfinity/pic's install script.
 */
import { readFileSync } from 'node:fs';
import { PocketIc, PocketIcServer, SubnetStateType } from '@dfinity/pic';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

${principalDeclarations(plan)}

type Outcome = { status: 'replied'; reply: string } | { status: 'rejected'; rejectCode: number; errorCode: string | null };

/** The replica's error codes by name (PocketIC reports the name), as the playground writes them. */
const ERROR_CODES: Record<string, string> = {
${Object.entries(ErrorCode).map(([name, code]) => `  ${name}: '${errorCodeText(code)}',`).join('\n')}
};

const hex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (byte) => parseInt(byte, 16));
const bytesOf = (arg: string | Uint8Array): Uint8Array => (typeof arg === 'string' ? hex(arg) : arg);
const toHex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
/** What \`icp build\` built for a canister of icp.yaml. */
const artifact = (name: string): Uint8Array => readFileSync(new URL(\`../.icp/cache/artifacts/\${name}\`, import.meta.url));
/** A long argument (an install_code's module, a chunk), kept in a file of its own. */
const argFile = (path: string): Uint8Array => readFileSync(new URL(\`../\${path}\`, import.meta.url));

/** A reject as PocketIC's client throws it: "… Reject code: 5. Error code: CanisterCalledTrap. …". */
function rejected(error: unknown): Outcome {
  const text = error instanceof Error ? error.message : String(error);
  const match = /Reject code: (\\d+)\\. Error code: (\\w+)/.exec(text);
  if (!match) throw error;
  return { status: 'rejected', rejectCode: Number(match[1]), errorCode: ERROR_CODES[match[2]] ?? match[2] };
}

/**
 * PocketIC's client submits an ingress message without awaiting it, as pic-js's deferred actors do; the scenario's
 * messages carry the playground's bytes (not always Candid), so they go to that client directly.
 */
interface IngressClient {
  submitCall(request: { sender: Principal; canisterId: Principal; method: string; payload: Uint8Array; effectivePrincipal?: { canisterId: Principal } | { subnetId: Principal } }): Promise<unknown>;
  awaitCall(submitted: unknown): Promise<{ body: Uint8Array }>;
}

interface Message {
  sender: Principal;
  canisterId: Principal;
  method: string;
  /** Hex, or the bytes of an argument file. */
  arg: string | Uint8Array;
  /** A management call's canister (PocketIC routes the call by it). */
  effectiveCanister?: Principal;
}

let server: PocketIcServer;
let pic: PocketIc;
let nns: Principal;

/** Submits a message; what it returns awaits its response (PocketIC executes it in the rounds that follow). */
async function submit(message: Message): Promise<() => Promise<Outcome>> {
  const client = (pic as unknown as { client: IngressClient }).client;
  try {
    const submitted = await client.submitCall({
      sender: message.sender, canisterId: message.canisterId, method: message.method, payload: bytesOf(message.arg),
      effectivePrincipal: message.canisterId.toText() === 'aaaaa-aa' ? (message.effectiveCanister ? { canisterId: message.effectiveCanister } : { subnetId: nns }) : undefined,
    });
    return async () => {
      try {
        return { status: 'replied', reply: toHex((await client.awaitCall(submitted)).body) };
      } catch (error) {
        return rejected(error);
      }
    };
  } catch (error) {
    const outcome = rejected(error); // refused when submitted
    return async () => outcome;
  }
}

async function query(message: Message): Promise<Outcome> {
  try {
    return { status: 'replied', reply: toHex(await pic.queryCall({ sender: message.sender, canisterId: message.canisterId, method: message.method, arg: bytesOf(message.arg) })) };
  } catch (error) {
    return rejected(error);
  }
}

async function settled(work: Promise<unknown>): Promise<Outcome> {
  try {
    await work;
    return { status: 'replied', reply: '' };
  } catch (error) {
    return rejected(error);
  }
}

/** Each step's outcome, by its index in scenario.json. */
const outcomes = new Map<number, Outcome>();

/** A step's messages, submitted in order; \`main\` is the one the step is about (the others: a chunked install's uploads). */
interface Sent {
  main: number;
  responses: (() => Promise<Outcome>)[];
}

async function settle(step: number, sent: Sent): Promise<void> {
  for (const [i, response] of sent.responses.entries()) {
    const outcome = await response();
    if (i === sent.main) outcomes.set(step, outcome);
  }
}

beforeAll(async () => {
  server = await PocketIcServer.start();
  pic = await PocketIc.create(server.getUrl(), { nns: { state: { type: SubnetStateType.New } } });
  const subnet = await pic.getNnsSubnet();
  if (!subnet) throw new Error('PocketIC started without an NNS subnet');
  nns = subnet.id;
});

afterAll(async () => {
  await pic?.tearDown();
  await server?.stop();
});

describe(${JSON.stringify(`${title}, replayed on PocketIC`)}, () => {
  it('replays the set-up and every step', async () => {
    /** The messages of call steps not awaited yet, by step: awaited at the end, as the playground ran on until idle. */
    const open = new Map<number, Sent>();
${replay.join('\n')}
    for (const [step, sent] of open) await settle(step, sent);
  });

${stepAssertions(plan).join('\n\n')}

${statusAssertions(plan, ref).join('\n\n')}
});
` };
}

/** `user.alice`, `canister.counter` (bracketed when the name is not an identifier) by principal text. */
function principalNames(plan: ReplayPlan): Map<string, string> {
  const names = new Map<string, string>([[MANAGEMENT, 'MANAGEMENT']]);
  for (const user of plan.scenario.users) names.set(plan.report.principals[user], member('user', user));
  for (const [name, canister] of Object.entries(plan.report.canisters)) names.set(canister.id, member('canister', name));
  return names;
}

/** Names that may follow a dot or stand as an object key unquoted. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function member(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

function principalDeclarations(plan: ReplayPlan): string {
  const entries = (named: readonly (readonly [string, string])[]) => named.map(([name, principal]) => `  ${IDENTIFIER.test(name) ? name : JSON.stringify(name)}: Principal.fromText('${principal}'),`).join('\n');
  return [
    '/** The scenario\'s users, with the principals the playground gave them (any principal may send on PocketIC). */',
    `const user = {\n${entries(plan.scenario.users.map((user) => [user, plan.report.principals[user]]))}\n} as const;`,
    '',
    '/**',
    ' * The canisters, with the ids the playground minted (the n-th canister created has the n-th id); those created by a',
    ' * canister are named by their id.',
    ' */',
    `const canister = {\n${entries(Object.entries(plan.report.canisters).map(([name, c]) => [name, c.id]))}\n} as const;`,
    '',
    "const MANAGEMENT = Principal.fromText('aaaaa-aa');",
  ].join('\n');
}

type Ref = (principal: string) => string;
/** An argument as the test writes it: hex inline, or read from a file named after its owner (`step-3`, `setup-counter`). */
type ArgText = (owner: string, bytes: Uint8Array) => string;

function messageLiteral(step: number, message: PlannedMessage, ref: Ref, argText: ArgText): string {
  const effective = message.effectiveCanister ? `, effectiveCanister: ${ref(message.effectiveCanister)}` : '';
  return `{ sender: ${ref(message.sender)}, canisterId: ${ref(message.receiver)}, method: ${JSON.stringify(message.method)}, arg: ${argText(`step-${step}`, message.arg)}${effective} }`;
}

function replayLines(plan: ReplayPlan, action: PlannedAction, ref: Ref, argText: ArgText): string[] {
  const report = action.kind === 'create' && action.step === null ? null : plan.report.steps[action.step!];
  const heading = `// ${action.kind === 'create' && action.step === null ? `set-up: ${action.name}` : `step ${action.step}: ${describeAction(action, report!)}`}`;
  switch (action.kind) {
    case 'create': return [heading, ...createLines(action, ref, argText)];
    case 'submit': {
      if (report?.status === 'pending') {
        return [heading, `// still waiting for its response when the playground's run ended (after its maxRounds): sent, not awaited`,
          ...action.messages.map((message) => `await submit(${messageLiteral(action.step, message, ref, argText)});`)];
      }
      const sent = [`{ main: ${action.main}, responses: [`, ...action.messages.map((message) => `  await submit(${messageLiteral(action.step, message, ref, argText)}),`), '] }'];
      if (!action.wait) return [heading, `open.set(${action.step}, ${sent[0]}`, ...sent.slice(1, -1), `${sent.at(-1)});`];
      return [heading, `await settle(${action.step}, ${sent[0]}`, ...sent.slice(1, -1), `${sent.at(-1)});`];
    }
    case 'query': return [heading, `outcomes.set(${action.step}, await query(${messageLiteral(action.step, action.message, ref, argText)}));`];
    case 'tick': return [heading, `await pic.tick(${action.rounds});`];
    case 'advanceTime': return [heading, `await pic.advanceTime(${action.seconds * 1000n}); // milliseconds`];
    case 'topUp': return [heading, `await pic.addCycles(${ref(action.canister)}, ${action.cycles}n);`];
  }
}

function createLines(canister: PlannedCanister, ref: Ref, argText: ArgText): string[] {
  const s = canister.settings;
  const options = [
    `sender: ${ref(canister.installer)}`, `targetCanisterId: ${ref(canister.id)}`, 'targetSubnetId: nns',
    `controllers: [${canister.controllers.map(ref).join(', ')}]`, `cycles: ${canister.cycles}n`,
    ...SETTING_FIELDS.flatMap(([field]) => (s[field] !== undefined ? [`${field}: ${s[field]}n`] : [])),
    ...(s.environmentVariables !== undefined ? [`environmentVariables: ${JSON.stringify(Object.entries(s.environmentVariables).map(([name, value]) => ({ name, value })))}`] : []),
  ];
  const install = `pic.installCode({ canisterId: ${ref(canister.id)}, sender: ${ref(canister.installer)}, wasm: artifact(${JSON.stringify(canister.name)}), arg: bytesOf(${argText(canister.step === null ? `setup-${canister.name}` : `step-${canister.step}`, canister.initArg)}), targetSubnetId: nns })`;
  const create = `await pic.createCanister({ ${options.join(', ')} });`;
  if (canister.step === null) return [create, `await ${install};`];
  return [create, `outcomes.set(${canister.step}, await settled(${install}));`];
}

function describeAction(action: PlannedAction, report: StepReport): string {
  if (action.kind === 'submit') {
    const main = action.messages[action.main];
    return `${action.stepKind === 'manage' ? 'management call' : 'call'} ${main.method}${report.label ? ` ("${report.label}")` : ''}`;
  }
  if (action.kind === 'query') return `query ${action.message.method}`;
  if (action.kind === 'create') return `deploy ${action.name}`;
  if (action.kind === 'tick') return `${action.rounds} round${action.rounds === 1 ? '' : 's'}`;
  if (action.kind === 'advanceTime') return `${action.seconds} seconds pass`;
  return `top up ${action.cycles} cycles`;
}

/** One test per step that has an outcome: what the playground's report recorded. */
function stepAssertions(plan: ReplayPlan): string[] {
  return plan.actions.flatMap((action) => {
    if (action.kind === 'create' && action.step === null) return [];
    const report = plan.report.steps[action.step!];
    if (!report.status || report.status === 'pending') return [];
    const expected = expectedOutcome(action, report);
    const name = `step ${action.step}: ${describeAction(action, report)} → ${report.status}${report.errorCode ? ` ${report.errorCode}` : ''}`;
    const lines = [`  it(${JSON.stringify(name)}, () => {`];
    if (expected.note) lines.push(`    // ${expected.note}`);
    lines.push(`    expect(outcomes.get(${action.step})).${expected.exact ? 'toEqual' : 'toMatchObject'}(${expected.literal});`, '  });');
    return [lines.join('\n')];
  });
}

function expectedOutcome(action: PlannedAction, report: StepReport): { literal: string; exact: boolean; note?: string } {
  if (report.status === 'rejected') {
    return { literal: `{ status: 'rejected', rejectCode: ${report.rejectCode}, errorCode: ${report.errorCode ? `'${report.errorCode}'` : 'null'} }`, exact: true };
  }
  if (action.kind === 'submit' && action.stepKind === 'manage') {
    return { literal: "{ status: 'replied' }", exact: false, note: `its reply (${action.method}'s Candid) holds ids, sizes and balances PocketIC counts its own way` };
  }
  if (action.kind === 'create') return { literal: "{ status: 'replied' }", exact: false, note: 'installed' };
  return { literal: `{ status: 'replied', reply: '${report.reply ?? ''}' }`, exact: true };
}

/** Each canister's status at the end, read by a user who controls it (a status is for controllers to read). */
function statusAssertions(plan: ReplayPlan, ref: Ref): string[] {
  const users = new Set(plan.scenario.users.map((user) => plan.report.principals[user]));
  const created = createdIds(plan);
  return Object.entries(plan.report.canisters).map(([name, canister]) => {
    const id = ref(canister.id);
    if (!created.has(canister.id)) {
      return `  // ${name} (${canister.status} at the end) was created by a canister: PocketIC mints its id itself, which may not be this one, so its status is not read by this id`;
    }
    if (canister.status === 'deleted') {
      return `  it(${JSON.stringify(`${name} is deleted at the end`)}, async () => {\n    await expect(pic.canisterStatus({ canisterId: ${id}, sender: ${ref(plan.report.principals[plan.scenario.users[0]])} })).rejects.toThrow();\n  });`;
    }
    const reader = canister.controllers.find((controller) => users.has(controller));
    if (!reader) return `  // ${name} (${canister.status} at the end): no user controls it, so no user may read its status`;
    return `  it(${JSON.stringify(`${name} is ${canister.status} at the end`)}, async () => {\n    expect((await pic.canisterStatus({ canisterId: ${id}, sender: ${ref(reader)} })).status).toEqual({ ${canister.status}: null });\n  });`;
  });
}

/** The canisters the test creates itself (set-up and deploy steps), by id. */
function createdIds(plan: ReplayPlan): Set<string> {
  return new Set(plannedCanisters(plan).map((canister) => canister.id));
}
