/**
 * zod schemas for the parts of a v1 scenario (SCENARIO.md). Every schema carries the message the user sees,
 * phrased as what the value must be; `parseScenario` prefixes it with the place ("step 3 (call): ...").
 * Unknown fields are accepted and dropped, so documents written by later versions with new optional fields
 * still load. The outer shape of a step (exactly one key naming its kind) is checked by `parseScenario`.
 * Written with zod/mini (functions instead of methods: the same checks and issues as the classic API, a third of
 * its size in the page, where a share link waits for it: issue 16, target 7); no message comes from zod's locale.
 */
import * as z from 'zod/mini';
import { CYCLES_MAX, IC_PARAMS } from '../engine/index.ts';
import { decodeBase64 } from './decodeBase64.ts';
import type { Arg, MotokoSource, Source } from './scenarioTypes.ts';

export const NAME_PATTERN = /^[a-z][a-z0-9_-]*$/;
export const DEFAULT_USERS = ['user'];
export const DEFAULT_CYCLES = '100000000000000';
export const DEFAULT_MAX_ROUNDS = 1000;

const must = (what: string) => ({ error: `must be ${what}` });

const DECIMAL = 'a decimal string';
const decimal = () => z.string(must(DECIMAL)).check(z.regex(/^[0-9]+$/, must(DECIMAL)));

/**
 * A decimal string of at most `max` (its text no longer than `max`'s, so a million-digit string is refused before
 * it is converted), for numbers the replica keeps in a fixed width: `what` says the bound in words.
 */
const boundedDecimal = (max: bigint, what: string) => {
  const message = must(`a decimal string of at most ${what}`);
  const digits = max.toString().length;
  return z.string(message).check(z.refine((text) => /^[0-9]+$/.test(text) && text.length <= digits + 8 && BigInt(text) <= max, message));
};
const U64_MAX = (1n << 64n) - 1n;
/** Cycles: a balance is a u128 (ic-reference.md §5, `ic0.canister_cycle_balance128`). */
const cyclesDecimal = () => boundedDecimal(CYCLES_MAX, '2^128 − 1 cycles (340282366920938463463374607431768211455)');

const NON_EMPTY = 'a non-empty string';
const nonEmpty = () => z.string(must(NON_EMPTY)).check(z.minLength(1, must(NON_EMPTY)));

const NAME = {
  error: 'must match [a-z][a-z0-9_-]* (a lower-case letter, then lower-case letters, digits, "_" or "-")',
};
const name = () => z.string(NAME).check(z.regex(NAME_PATTERN, NAME));

const BASE64 = 'standard padded base64 (A-Z a-z 0-9 + / and "=")';
const base64 = () => z.string(must(BASE64)).check(z.refine((text) => decodeBase64(text) !== undefined, must(BASE64)));

const optionalString = () => z.optional(z.string(must('a string')));
const optionalBoolean = () => z.optional(z.boolean(must('true or false')));

/** A reference to a principal: a user or canister name, principal text, or `"ic"`, checked by parseScenario. */
const reference = nonEmpty;

/** Exactly one of `keys` present; the value is then that one-key object. */
function oneOf(keys: readonly string[], what: string) {
  return (value: Record<string, unknown>, ctx: z.core.$RefinementCtx) => {
    const present = keys.filter((key) => value[key] !== undefined);
    if (present.length !== 1) ctx.addIssue({ code: 'custom', message: `must be ${what}`, path: [] });
  };
}
const pickOne = <T>(keys: readonly string[]) => (value: Record<string, unknown>): T => {
  const key = keys.find((k) => value[k] !== undefined) as string;
  return { [key]: value[key] } as T;
};

/** A Motoko file's path in a multi-file source: relative, `/`-separated, no `.` or `..` segment, ending in `.mo`. */
export const MOTOKO_PATH_PATTERN = /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\.mo$/;
const MOTOKO_PATH = 'a relative path ending in ".mo" (letters, digits, "_", "-", "." and "/"; no segment starting with ".")';
const MOTOKO_PROJECT = 'Motoko text, or {"files": {"Main.mo": "…", …}, "main": "Main.mo"}';
const motokoProjectSchema = z
  .object({
    files: z
      .record(z.string(), z.string(must('Motoko text')), must('an object of Motoko files by path'))
      .check(z.superRefine((files, ctx) => {
        const paths = Object.keys(files);
        if (paths.length === 0) ctx.addIssue({ code: 'custom', message: 'must be an object of at least one Motoko file', path: [] });
        const bad = paths.find((path) => !MOTOKO_PATH_PATTERN.test(path));
        if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `must be ${MOTOKO_PATH}`, path: [bad] });
      })),
    main: nonEmpty(),
  }, must(MOTOKO_PROJECT))
  .check(z.refine((project) => Object.prototype.hasOwnProperty.call(project.files, project.main), {
    message: 'must name one of its "files"',
    path: ['main'],
  }));
/**
 * Motoko text or a project; not a `z.union`, whose error would hide which part of a project is wrong. (zod/mini's
 * transform is handed the parse's payload, whose issues it appends to.)
 */
const motokoSchema = z.pipe(z.unknown(), z.transform((value, payload): MotokoSource => {
  const problem = (message: string, path: PropertyKey[] = []) => payload.issues.push({ code: 'custom', message, path, input: value });
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problem(`must be ${MOTOKO_PROJECT}`);
    return z.NEVER;
  }
  const project = motokoProjectSchema.safeParse(value);
  if (project.success) return project.data;
  for (const issue of project.error.issues) problem(issue.message, issue.path);
  return z.NEVER;
}));

/** The one key present of an object schema's `keys`, checked by `oneOf`, as a one-key object. */
function oneKeyOf<T>(shape: z.core.$ZodLooseShape, keys: readonly string[], what: string) {
  const object = z.object(shape, must(what)).check(z.superRefine(oneOf(keys, what)));
  return z.pipe(object, z.transform(pickOne<T>(keys)));
}

const SOURCE_KEYS = ['wat', 'wasm', 'path', 'motoko'] as const;
const SOURCE = 'one of {"wat": "…"}, {"wasm": "<base64>"}, {"path": "…"}, {"motoko": "…"}';
export const sourceSchema = oneKeyOf<Source>(
  {
    wat: z.optional(z.string(must('a string of WAT text'))),
    wasm: z.optional(base64()),
    path: z.optional(nonEmpty()),
    motoko: z.optional(motokoSchema),
  },
  SOURCE_KEYS,
  SOURCE,
);

const ARG_KEYS = ['text', 'hex', 'base64', 'candid'] as const;
const ARG = 'one of {"text": "…"}, {"hex": "…"}, {"base64": "…"}, {"candid": "(…)"}';
const HEX = 'an even number of hex digits';
const hexBytes = () => z.string(must(HEX)).check(z.regex(/^(?:[0-9a-fA-F]{2})*$/, must(HEX)));
export const argSchema = oneKeyOf<Arg>(
  {
    text: z.optional(z.string(must('a string'))),
    hex: z.optional(hexBytes()),
    base64: z.optional(base64()),
    candid: z.optional(z.string(must('Candid text, e.g. "(42, \"hi\")"'))),
  },
  ARG_KEYS,
  ARG,
);

const REFERENCES = 'a list of user names, canister names or principal texts';
const references = () => z.array(reference(), must(REFERENCES));

const ENV_VARS = `an object of at most ${IC_PARAMS.maxEnvironmentVariables} names to values, each at most ${IC_PARAMS.maxEnvironmentVariableBytes} bytes (UTF-8)`;
/** `environment_variables` as a name → value object, within the replica's bounds (ic-reference.md §4.1, §6.3). */
function environmentVariables() {
  const fits = (text: string) => BigInt(new TextEncoder().encode(text).length) <= IC_PARAMS.maxEnvironmentVariableBytes;
  return z.record(z.string(), z.string(must('a string')), must(ENV_VARS))
    .check(z.refine((vars) => BigInt(Object.keys(vars).length) <= IC_PARAMS.maxEnvironmentVariables && Object.entries(vars).every(([k, v]) => fits(k) && fits(v)), must(ENV_VARS)));
}

const settingsFields = {
  freezingThreshold: z.optional(decimal()),
  computeAllocation: z.optional(decimal()),
  memoryAllocation: z.optional(decimal()),
  reservedCyclesLimit: z.optional(decimal()),
  wasmMemoryLimit: z.optional(decimal()),
  environmentVariables: z.optional(environmentVariables()),
};
const SETTINGS = 'an object of canister settings such as {"freezingThreshold": "2592000"}';
const LOG_VISIBILITY = '"controllers", "public" or {"allowedViewers": [names or principal texts]}';
/** `update_settings` only: the log's settings (docs/SCENARIO-EXTENSIONS.md "Canister logs"). */
const logSettingsFields = {
  logMemoryLimit: z.optional(decimal()),
  logVisibility: z.optional(
    z.union([z.enum(['controllers', 'public']), z.object({ allowedViewers: references() }, must(LOG_VISIBILITY))], must(LOG_VISIBILITY)),
  ),
};
export const settingsSchema = z.object({ controllers: z.optional(references()), ...settingsFields, ...logSettingsFields }, must(SETTINGS));

/**
 * A new canister's settings are not passed through `update_settings`, so they are held to its bounds here
 * (ic-reference.md §4.1; `applySettings.ts`): 64-bit freezing threshold and memory allocation, a percentage of
 * compute, a u128 reserved-cycles limit, a wasm memory limit of at most 2^48.
 */
const initialSettingsFields = {
  ...settingsFields,
  freezingThreshold: z.optional(boundedDecimal(U64_MAX, '2^64 − 1 seconds')),
  computeAllocation: z.optional(boundedDecimal(100n, '100 (a percentage)')),
  memoryAllocation: z.optional(boundedDecimal(U64_MAX, '2^64 − 1 bytes')),
  reservedCyclesLimit: z.optional(cyclesDecimal()),
  wasmMemoryLimit: z.optional(boundedDecimal(1n << 48n, '2^48 bytes')),
};
const initialSettingsSchema = z.pipe(
  z.object({ controllers: z.optional(z.unknown()), ...initialSettingsFields }, must(SETTINGS)).check(
    z.superRefine((value, ctx) => {
      // A canister's controllers have their own field; two places for one thing would let them disagree.
      if (value.controllers !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'is not a setting here: give them as the canister\'s "controllers"', path: ['controllers'] });
      }
    }),
  ),
  z.transform(({ controllers: _, ...rest }) => rest),
);

export const canisterSchema = z.object(
  {
    name: name(),
    source: sourceSchema,
    cycles: z._default(cyclesDecimal(), DEFAULT_CYCLES),
    controllers: z.optional(references()),
    settings: z.optional(initialSettingsSchema),
    initArg: z.optional(argSchema),
  },
  must('an object with a "name" and a "source"'),
);

const AT_LEAST_ONE = 'a whole number ≥ 1';
export const subnetSchema = z.object(
  {
    preset: z.optional(z.enum(['ic', 'classroom'], must('"ic" or "classroom"'))),
    nodes: z.optional(z.int(must(AT_LEAST_ONE)).check(z.gte(1, must(AT_LEAST_ONE)))),
    params: z.optional(z.record(z.string(), decimal(), must('an object of decimal strings'))),
  },
  must('an object such as {"preset": "ic"}'),
);

const AT_LEAST_ZERO = 'a whole number ≥ 0';
/** Everything but `format` (checked first, for a clear message) and `steps` (checked one by one). */
export const scenarioRootSchema = z.object(
  {
    title: optionalString(),
    description: optionalString(),
    subnet: z.optional(subnetSchema),
    users: z._default(
      z.array(name(), must('a list of user names')).check(z.minLength(1, must('a list of at least one user name'))),
      () => [...DEFAULT_USERS],
    ),
    canisters: z.array(canisterSchema, must('a list of canisters (it may be empty)')),
    maxRounds: z._default(z.int(must(AT_LEAST_ZERO)).check(z.gte(0, must(AT_LEAST_ZERO))), DEFAULT_MAX_ROUNDS),
    steps: z.array(z.unknown(), must('a list of steps (it may be empty)')),
    checks: z.optional(z.array(z.unknown(), must('a list of checks'))),
    exercise: z.optional(z.unknown()),
  },
  must('a JSON object'),
);

const ROUNDS = 'a whole number of rounds ≥ 0';
const EXPECT_FIELDS = '"status", "reply", "rejectCode", "errorCode" or "withinRounds"';
const EXPECT = `an object of what the response should be, with at least one of ${EXPECT_FIELDS}`;
const REJECT_CODE = 'a reject code from 1 to 6';
const ERROR_CODE = 'an error code such as "IC0503"';
/** A step's `expect` (docs/SCENARIO-EXTENSIONS.md "Expectations"); what contradicts itself is refused here. */
const expectSchema = z
  .object(
    {
      status: z.optional(z.enum(['replied', 'rejected'], must('"replied" or "rejected"'))),
      reply: z.optional(argSchema),
      rejectCode: z.optional(z.int(must(REJECT_CODE)).check(z.gte(1, must(REJECT_CODE)), z.lte(6, must(REJECT_CODE)))),
      errorCode: z.optional(z.string(must(ERROR_CODE)).check(z.regex(/^IC[0-9]{4}$/, must(ERROR_CODE)))),
      withinRounds: z.optional(z.int(must(ROUNDS)).check(z.gte(0, must(ROUNDS)))),
    },
    must(EXPECT),
  )
  .check(z.superRefine((value, ctx) => {
    if (Object.values(value).every((field) => field === undefined)) ctx.addIssue({ code: 'custom', message: `must be ${EXPECT}`, path: [] });
    const rejected = value.rejectCode !== undefined ? 'rejectCode' : value.errorCode !== undefined ? 'errorCode' : null;
    if (value.reply !== undefined && (value.status === 'rejected' || rejected)) {
      ctx.addIssue({ code: 'custom', message: `cannot be expected of a rejected response (${value.status === 'rejected' ? '"status": "rejected"' : `"${rejected}"`})`, path: ['reply'] });
    } else if (rejected && value.status === 'replied') {
      ctx.addIssue({ code: 'custom', message: 'applies to a rejected response, not to "status": "replied"', path: [rejected] });
    }
  }));

const callSchema = z.object(
  {
    from: z.optional(reference()),
    to: reference(),
    method: nonEmpty(),
    arg: z.optional(argSchema),
    wait: optionalBoolean(),
    label: optionalString(),
    expect: z.optional(expectSchema),
  },
  must('an object such as {"to": "counter", "method": "inc"}'),
);

const querySchema = z.object(
  { from: z.optional(reference()), to: reference(), method: nonEmpty(), arg: z.optional(argSchema), expect: z.optional(expectSchema) },
  must('an object such as {"to": "counter", "method": "get"}'),
);

const tickSchema = z.int(must(ROUNDS)).check(z.gte(0, must(ROUNDS)));

/** Seconds to move the clock: at most 2^64 − 1 ns in all, `ic0.time`'s end; parseScenario adds them up. */
const advanceTimeSchema = z.object(
  { seconds: boundedDecimal(U64_MAX / 1_000_000_000n, '18446744073 seconds (2^64 − 1 nanoseconds, the last time ic0.time can tell)') },
  must('an object such as {"seconds": "86400"}'),
);

const topUpSchema = z.object(
  { canister: reference(), cycles: cyclesDecimal() },
  must('an object such as {"canister": "counter", "cycles": "1000000000000"}'),
);

const setParamsSchema = z.object(
  { params: z.record(z.string(), decimal(), must('an object of decimal strings such as {"queueCapacity": "0"}')), label: optionalString() },
  must('an object such as {"params": {"queueCapacity": "0"}}'),
);

const checkpointSchema = z.object({ label: optionalString() }, must('an object such as {} or {"label": "a checkpoint"}'));

const trapSchema = z.object(
  { canister: reference(), method: z.optional(nonEmpty()), message: optionalString(), label: optionalString() },
  must('an object such as {"canister": "callee", "method": "inc"}'),
);

const manageCommon = {
  from: z.optional(reference()),
  canister: reference(),
  wait: optionalBoolean(),
  label: optionalString(),
  expect: z.optional(expectSchema),
};
const MANAGE = 'an object such as {"method": "start_canister", "canister": "counter"}';
const INSTALL_MODE = '"install", "reinstall" or "upgrade"';

/** `skipPreUpgrade` is for an upgrade only. */
const upgradeOnly = z.superRefine((value: { mode: string; skipPreUpgrade?: boolean }, ctx) => {
  if (value.skipPreUpgrade !== undefined && value.mode !== 'upgrade') {
    ctx.addIssue({ code: 'custom', message: 'applies only to mode "upgrade"', path: ['skipPreUpgrade'] });
  }
});

const installCodeSchema = z
  .object(
    {
      ...manageCommon,
      method: z.literal('install_code'),
      mode: z.enum(['install', 'reinstall', 'upgrade'], must(INSTALL_MODE)),
      source: sourceSchema,
      arg: z.optional(argSchema),
      skipPreUpgrade: optionalBoolean(),
    },
    must(MANAGE),
  )
  .check(upgradeOnly);

const updateSettingsSchema = z.object(
  { ...manageCommon, method: z.literal('update_settings'), settings: settingsSchema },
  must(MANAGE),
);

const canisterIdSchema = z.object(
  {
    ...manageCommon,
    method: z.enum(['uninstall_code', 'start_canister', 'stop_canister', 'delete_canister', 'canister_status', 'list_canister_snapshots']),
  },
  must(MANAGE),
);

const SNAPSHOT_REF = '"latest" or a snapshot id in hex (an even number of hex digits)';
const snapshotRef = () => z.string(must(SNAPSHOT_REF)).check(z.regex(/^(latest|(?:[0-9a-fA-F]{2})+)$/, must(SNAPSHOT_REF)));

const takeSnapshotSchema = z.object(
  { ...manageCommon, method: z.literal('take_canister_snapshot'), replaceSnapshot: z.optional(snapshotRef()), uninstallCode: optionalBoolean() },
  must(MANAGE),
);

const snapshotIdSchema = z.object(
  { ...manageCommon, method: z.enum(['load_canister_snapshot', 'delete_canister_snapshot']), snapshot: snapshotRef() },
  must('an object such as {"method": "load_canister_snapshot", "canister": "counter", "snapshot": "latest"}'),
);

// Chunked code installation (docs/SCENARIO-EXTENSIONS.md "Chunked code installation"). Hashes are any even-length
// hex, so a scenario can show the replica's own errors for a hash of the wrong length.
const CHUNK_KEYS = ['hex', 'base64'] as const;
const CHUNK = 'one of {"hex": "…"}, {"base64": "…"}';
const chunkSchema = oneKeyOf<{ hex: string } | { base64: string }>(
  { hex: z.optional(hexBytes()), base64: z.optional(base64()) },
  CHUNK_KEYS,
  CHUNK,
);

const uploadChunkSchema = z.object(
  { ...manageCommon, method: z.literal('upload_chunk'), chunk: chunkSchema },
  must('an object such as {"method": "upload_chunk", "canister": "counter", "chunk": {"hex": "0061736d01000000"}}'),
);

const chunkStoreSchema = z.object({ ...manageCommon, method: z.enum(['stored_chunks', 'clear_chunk_store']) }, must(MANAGE));

const installChunkedCodeSchema = z
  .object(
    {
      ...manageCommon,
      method: z.literal('install_chunked_code'),
      mode: z.enum(['install', 'reinstall', 'upgrade'], must(INSTALL_MODE)),
      store: z.optional(reference()),
      chunkHashes: z.array(hexBytes(), must('a list of chunk hashes in hex')),
      wasmModuleHash: hexBytes(),
      arg: z.optional(argSchema),
      skipPreUpgrade: optionalBoolean(),
    },
    must('an object such as {"method": "install_chunked_code", "canister": "counter", "mode": "install", "chunkHashes": ["…"], "wasmModuleHash": "…"}'),
  )
  .check(upgradeOnly);

/** The schema of a `manage` step, by method (parseScenario reports an unknown method itself). */
export const manageSchemas = {
  upload_chunk: uploadChunkSchema,
  stored_chunks: chunkStoreSchema,
  clear_chunk_store: chunkStoreSchema,
  install_chunked_code: installChunkedCodeSchema,
  install_code: installCodeSchema,
  update_settings: updateSettingsSchema,
  uninstall_code: canisterIdSchema,
  start_canister: canisterIdSchema,
  stop_canister: canisterIdSchema,
  delete_canister: canisterIdSchema,
  canister_status: canisterIdSchema,
  take_canister_snapshot: takeSnapshotSchema,
  load_canister_snapshot: snapshotIdSchema,
  delete_canister_snapshot: snapshotIdSchema,
  list_canister_snapshots: canisterIdSchema,
};

export const stepSchemas = {
  call: callSchema,
  query: querySchema,
  tick: tickSchema,
  advanceTime: advanceTimeSchema,
  topUp: topUpSchema,
  deploy: canisterSchema,
  setParams: setParamsSchema,
  checkpoint: checkpointSchema,
  trap: trapSchema,
};

// ---------------------------------------------------------------------------------------------------------
// Checks (docs/SCENARIO-EXTENSIONS.md "Checks"): `parseScenario` checks the one key naming the kind and the references.

const QUERY_EXPECT = `an object of what the reply should be, with at least one of "status", "reply", "rejectCode" or "errorCode"`;
const queryCheckSchema = z
  .object(
    { from: z.optional(reference()), to: reference(), method: nonEmpty(), arg: z.optional(argSchema), expect: expectSchema },
    must('an object such as {"to": "counter", "method": "get", "expect": {"reply": {"hex": "0300000000000000"}}}'),
  )
  .check(z.superRefine((value, ctx) => {
    // A query is answered in the round it is asked: "within rounds" says nothing of it.
    if (value.expect.withinRounds !== undefined) ctx.addIssue({ code: 'custom', message: `does not apply to a query (${QUERY_EXPECT})`, path: ['expect', 'withinRounds'] });
  }));

const CANISTER_CHECK = 'an object such as {"name": "counter", "status": "running", "frozen": false, "cyclesAtLeast": "1000000000"}';
const canisterCheckSchema = z
  .object(
    {
      name: reference(),
      status: z.optional(z.enum(['running', 'stopping', 'stopped', 'deleted'], must('"running", "stopping", "stopped" or "deleted"'))),
      frozen: optionalBoolean(),
      cyclesAtLeast: z.optional(cyclesDecimal()),
      cyclesAtMost: z.optional(cyclesDecimal()),
    },
    must(CANISTER_CHECK),
  )
  .check(z.superRefine((value, ctx) => {
    const { name: _, ...fields } = value;
    if (Object.values(fields).every((field) => field === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'must say what to check: at least one of "status", "frozen", "cyclesAtLeast" or "cyclesAtMost"', path: [] });
    } else if (value.cyclesAtLeast !== undefined && value.cyclesAtMost !== undefined && BigInt(value.cyclesAtLeast) > BigInt(value.cyclesAtMost)) {
      ctx.addIssue({ code: 'custom', message: 'must not be more than "cyclesAtMost": no balance could hold', path: ['cyclesAtLeast'] });
    }
  }));

const GLOBAL_VALUE = 'a decimal number as a string, such as "3", "-1" or "0.5"';
const globalCheckSchema = z.object(
  {
    canister: reference(),
    name: nonEmpty(),
    value: z.string(must(GLOBAL_VALUE)).check(z.regex(/^-?[0-9]{1,40}(?:\.[0-9]{1,40})?$/, must(GLOBAL_VALUE))),
  },
  must('an object such as {"canister": "counter", "name": "count", "value": "3"}'),
);

const noTrapCheckSchema = z.object({ canister: reference() }, must('an object such as {"canister": "counter"}'));

const summedQuerySchema = z.object(
  { from: z.optional(reference()), to: reference(), method: nonEmpty(), arg: z.optional(argSchema) },
  must('an object such as {"to": "bank", "method": "balance"}'),
);
const constantSumCheckSchema = z.object(
  { queries: z.array(summedQuerySchema, must('a list of at least one query')).check(z.minLength(1, must('a list of at least one query'))) },
  must('an object such as {"queries": [{"to": "bank", "method": "balance", "arg": {"text": "alice"}}, …]}'),
);

export const checkSchemas = {
  query: queryCheckSchema,
  canister: canisterCheckSchema,
  global: globalCheckSchema,
  noTrap: noTrapCheckSchema,
  constantSum: constantSumCheckSchema,
};

/** The fields every check may carry beside its kind. */
export const checkCommonSchema = z.object({
  label: optionalString(),
  when: z.optional(z.enum(['end', 'everyRound'], must('"end" or "everyRound"'))),
});

/** An exercise (docs/SCENARIO-EXTENSIONS.md "Exercises"); `parseScenario` checks its canister and parses its steps. */
export const exerciseSchema = z.object(
  {
    canister: reference(),
    hints: z.optional(z.array(z.string(must('Markdown text')), must('a list of hints (Markdown text)'))),
    solution: z.optional(sourceSchema),
    steps: z.optional(z.array(z.unknown(), must('a list of steps'))),
  },
  must('an object such as {"canister": "counter", "hints": ["…"], "solution": {"wat": "…"}}'),
);
