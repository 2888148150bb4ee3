/**
 * zod schemas for the parts of a v1 scenario (SCENARIO.md). Every schema carries the message the user sees,
 * phrased as what the value must be; `parseScenario` prefixes it with the place ("step 3 (call): ...").
 * Unknown fields are accepted and dropped, so documents written by later versions with new optional fields
 * still load. The outer shape of a step (exactly one key naming its kind) is checked by `parseScenario`.
 */
import { z } from 'zod';
import { CYCLES_MAX, IC_PARAMS } from '../engine/index.ts';
import { decodeBase64 } from './decodeBase64.ts';
import type { Arg, MotokoSource, Source } from './scenarioTypes.ts';

export const NAME_PATTERN = /^[a-z][a-z0-9_-]*$/;
export const DEFAULT_USERS = ['user'];
export const DEFAULT_CYCLES = '100000000000000';
export const DEFAULT_MAX_ROUNDS = 1000;

const must = (what: string) => ({ error: `must be ${what}` });

const DECIMAL = 'a decimal string';
const decimal = () => z.string(must(DECIMAL)).regex(/^[0-9]+$/, must(DECIMAL));

/**
 * A decimal string of at most `max` (its text no longer than `max`'s, so a million-digit string is refused before
 * it is converted), for numbers the replica keeps in a fixed width: `what` says the bound in words.
 */
const boundedDecimal = (max: bigint, what: string) => {
  const message = must(`a decimal string of at most ${what}`);
  const digits = max.toString().length;
  return z.string(message).refine((text) => /^[0-9]+$/.test(text) && text.length <= digits + 8 && BigInt(text) <= max, message);
};
const U64_MAX = (1n << 64n) - 1n;
/** Cycles: a balance is a u128 (ic-reference.md §5, `ic0.canister_cycle_balance128`). */
const cyclesDecimal = () => boundedDecimal(CYCLES_MAX, '2^128 − 1 cycles (340282366920938463463374607431768211455)');

const NON_EMPTY = 'a non-empty string';
const nonEmpty = () => z.string(must(NON_EMPTY)).min(1, must(NON_EMPTY));

const NAME = {
  error: 'must match [a-z][a-z0-9_-]* (a lower-case letter, then lower-case letters, digits, "_" or "-")',
};
const name = () => z.string(NAME).regex(NAME_PATTERN, NAME);

const BASE64 = 'standard padded base64 (A-Z a-z 0-9 + / and "=")';
const base64 = () => z.string(must(BASE64)).refine((text) => decodeBase64(text) !== undefined, must(BASE64));

const optionalString = () => z.string(must('a string')).optional();
const optionalBoolean = () => z.boolean(must('true or false')).optional();

/** A reference to a principal: a user or canister name, principal text, or `"ic"`, checked by parseScenario. */
const reference = nonEmpty;

/** Exactly one of `keys` present; the value is then that one-key object. */
function oneOf(keys: readonly string[], what: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
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
      .superRefine((files, ctx) => {
        const paths = Object.keys(files);
        if (paths.length === 0) ctx.addIssue({ code: 'custom', message: 'must be an object of at least one Motoko file', path: [] });
        const bad = paths.find((path) => !MOTOKO_PATH_PATTERN.test(path));
        if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `must be ${MOTOKO_PATH}`, path: [bad] });
      }),
    main: nonEmpty(),
  }, must(MOTOKO_PROJECT))
  .refine((project) => Object.prototype.hasOwnProperty.call(project.files, project.main), {
    message: 'must name one of its "files"',
    path: ['main'],
  });
/** Motoko text or a project; not a `z.union`, whose error would hide which part of a project is wrong. */
const motokoSchema = z.unknown().transform((value, ctx): MotokoSource => {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: `must be ${MOTOKO_PROJECT}` });
    return z.NEVER;
  }
  const project = motokoProjectSchema.safeParse(value);
  if (project.success) return project.data;
  for (const issue of project.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

const SOURCE_KEYS = ['wat', 'wasm', 'path', 'motoko'] as const;
const SOURCE = 'one of {"wat": "…"}, {"wasm": "<base64>"}, {"path": "…"}, {"motoko": "…"}';
export const sourceSchema = z
  .object(
    {
      wat: z.string(must('a string of WAT text')).optional(),
      wasm: base64().optional(),
      path: nonEmpty().optional(),
      motoko: motokoSchema.optional(),
    },
    must(SOURCE),
  )
  .superRefine(oneOf(SOURCE_KEYS, SOURCE))
  .transform(pickOne<Source>(SOURCE_KEYS));

const ARG_KEYS = ['text', 'hex', 'base64', 'candid'] as const;
const ARG = 'one of {"text": "…"}, {"hex": "…"}, {"base64": "…"}, {"candid": "(…)"}';
const HEX = 'an even number of hex digits';
export const argSchema = z
  .object(
    {
      text: z.string(must('a string')).optional(),
      hex: z.string(must(HEX)).regex(/^(?:[0-9a-fA-F]{2})*$/, must(HEX)).optional(),
      base64: base64().optional(),
      candid: z.string(must('Candid text, e.g. "(42, \"hi\")"')).optional(),
    },
    must(ARG),
  )
  .superRefine(oneOf(ARG_KEYS, ARG))
  .transform(pickOne<Arg>(ARG_KEYS));

const REFERENCES = 'a list of user names, canister names or principal texts';
const references = () => z.array(reference(), must(REFERENCES));

const ENV_VARS = `an object of at most ${IC_PARAMS.maxEnvironmentVariables} names to values, each at most ${IC_PARAMS.maxEnvironmentVariableBytes} bytes (UTF-8)`;
/** `environment_variables` as a name → value object, within the replica's bounds (ic-reference.md §4.1, §6.3). */
function environmentVariables() {
  const fits = (text: string) => BigInt(new TextEncoder().encode(text).length) <= IC_PARAMS.maxEnvironmentVariableBytes;
  return z.record(z.string(), z.string(must('a string')), must(ENV_VARS))
    .refine((vars) => BigInt(Object.keys(vars).length) <= IC_PARAMS.maxEnvironmentVariables && Object.entries(vars).every(([k, v]) => fits(k) && fits(v)), must(ENV_VARS));
}

const settingsFields = {
  freezingThreshold: decimal().optional(),
  computeAllocation: decimal().optional(),
  memoryAllocation: decimal().optional(),
  reservedCyclesLimit: decimal().optional(),
  wasmMemoryLimit: decimal().optional(),
  environmentVariables: environmentVariables().optional(),
};
const SETTINGS = 'an object of canister settings such as {"freezingThreshold": "2592000"}';
const LOG_VISIBILITY = '"controllers", "public" or {"allowedViewers": [names or principal texts]}';
/** `update_settings` only: the log's settings (docs/SCENARIO-EXTENSIONS.md "Canister logs"). */
const logSettingsFields = {
  logMemoryLimit: decimal().optional(),
  logVisibility: z
    .union([z.enum(['controllers', 'public']), z.object({ allowedViewers: references() }, must(LOG_VISIBILITY))], must(LOG_VISIBILITY))
    .optional(),
};
export const settingsSchema = z.object({ controllers: references().optional(), ...settingsFields, ...logSettingsFields }, must(SETTINGS));

/**
 * A new canister's settings are not passed through `update_settings`, so they are held to its bounds here
 * (ic-reference.md §4.1; `applySettings.ts`): 64-bit freezing threshold and memory allocation, a percentage of
 * compute, a u128 reserved-cycles limit, a wasm memory limit of at most 2^48.
 */
const initialSettingsFields = {
  ...settingsFields,
  freezingThreshold: boundedDecimal(U64_MAX, '2^64 − 1 seconds').optional(),
  computeAllocation: boundedDecimal(100n, '100 (a percentage)').optional(),
  memoryAllocation: boundedDecimal(U64_MAX, '2^64 − 1 bytes').optional(),
  reservedCyclesLimit: cyclesDecimal().optional(),
  wasmMemoryLimit: boundedDecimal(1n << 48n, '2^48 bytes').optional(),
};
const initialSettingsSchema = z
  .object({ controllers: z.unknown().optional(), ...initialSettingsFields }, must(SETTINGS))
  .superRefine((value, ctx) => {
    // A canister's controllers have their own field; two places for one thing would let them disagree.
    if (value.controllers !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'is not a setting here: give them as the canister\'s "controllers"', path: ['controllers'] });
    }
  })
  .transform(({ controllers: _, ...rest }) => rest);

export const canisterSchema = z.object(
  {
    name: name(),
    source: sourceSchema,
    cycles: cyclesDecimal().default(DEFAULT_CYCLES),
    controllers: references().optional(),
    settings: initialSettingsSchema.optional(),
    initArg: argSchema.optional(),
  },
  must('an object with a "name" and a "source"'),
);

export const subnetSchema = z.object(
  {
    preset: z.enum(['ic', 'classroom'], must('"ic" or "classroom"')).optional(),
    nodes: z.int(must('a whole number ≥ 1')).min(1, must('a whole number ≥ 1')).optional(),
    params: z.record(z.string(), decimal(), must('an object of decimal strings')).optional(),
  },
  must('an object such as {"preset": "ic"}'),
);

/** Everything but `format` (checked first, for a clear message) and `steps` (checked one by one). */
export const scenarioRootSchema = z.object(
  {
    title: optionalString(),
    description: optionalString(),
    subnet: subnetSchema.optional(),
    users: z
      .array(name(), must('a list of user names'))
      .min(1, must('a list of at least one user name'))
      .default(() => [...DEFAULT_USERS]),
    canisters: z.array(canisterSchema, must('a list of canisters (it may be empty)')),
    maxRounds: z.int(must('a whole number ≥ 0')).min(0, must('a whole number ≥ 0')).default(DEFAULT_MAX_ROUNDS),
    steps: z.array(z.unknown(), must('a list of steps (it may be empty)')),
  },
  must('a JSON object'),
);

const callSchema = z.object(
  {
    from: reference().optional(),
    to: reference(),
    method: nonEmpty(),
    arg: argSchema.optional(),
    wait: optionalBoolean(),
    label: optionalString(),
  },
  must('an object such as {"to": "counter", "method": "inc"}'),
);

const querySchema = z.object(
  { from: reference().optional(), to: reference(), method: nonEmpty(), arg: argSchema.optional() },
  must('an object such as {"to": "counter", "method": "get"}'),
);

const tickSchema = z.int(must('a whole number of rounds ≥ 0')).min(0, must('a whole number of rounds ≥ 0'));

/** Seconds to move the clock: at most 2^64 − 1 ns in all, `ic0.time`'s end; parseScenario adds them up. */
const advanceTimeSchema = z.object(
  { seconds: boundedDecimal(U64_MAX / 1_000_000_000n, '18446744073 seconds (2^64 − 1 nanoseconds, the last time ic0.time can tell)') },
  must('an object such as {"seconds": "86400"}'),
);

const topUpSchema = z.object(
  { canister: reference(), cycles: cyclesDecimal() },
  must('an object such as {"canister": "counter", "cycles": "1000000000000"}'),
);

const manageCommon = {
  from: reference().optional(),
  canister: reference(),
  wait: optionalBoolean(),
  label: optionalString(),
};
const MANAGE = 'an object such as {"method": "start_canister", "canister": "counter"}';

const installCodeSchema = z
  .object(
    {
      ...manageCommon,
      method: z.literal('install_code'),
      mode: z.enum(['install', 'reinstall', 'upgrade'], must('"install", "reinstall" or "upgrade"')),
      source: sourceSchema,
      arg: argSchema.optional(),
      skipPreUpgrade: optionalBoolean(),
    },
    must(MANAGE),
  )
  .superRefine((value, ctx) => {
    if (value.skipPreUpgrade !== undefined && value.mode !== 'upgrade') {
      ctx.addIssue({ code: 'custom', message: 'applies only to mode "upgrade"', path: ['skipPreUpgrade'] });
    }
  });

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
const snapshotRef = () => z.string(must(SNAPSHOT_REF)).regex(/^(latest|(?:[0-9a-fA-F]{2})+)$/, must(SNAPSHOT_REF));

const takeSnapshotSchema = z.object(
  { ...manageCommon, method: z.literal('take_canister_snapshot'), replaceSnapshot: snapshotRef().optional(), uninstallCode: optionalBoolean() },
  must(MANAGE),
);

const snapshotIdSchema = z.object(
  { ...manageCommon, method: z.enum(['load_canister_snapshot', 'delete_canister_snapshot']), snapshot: snapshotRef() },
  must('an object such as {"method": "load_canister_snapshot", "canister": "counter", "snapshot": "latest"}'),
);

// Chunked code installation (docs/SCENARIO-EXTENSIONS.md "Chunked code installation"). Hashes are any even-length
// hex, so a scenario can show the replica's own errors for a hash of the wrong length.
const hexBytes = () => z.string(must(HEX)).regex(/^(?:[0-9a-fA-F]{2})*$/, must(HEX));
const CHUNK_KEYS = ['hex', 'base64'] as const;
const CHUNK = 'one of {"hex": "…"}, {"base64": "…"}';
const chunkSchema = z
  .object({ hex: hexBytes().optional(), base64: base64().optional() }, must(CHUNK))
  .superRefine(oneOf(CHUNK_KEYS, CHUNK))
  .transform(pickOne<{ hex: string } | { base64: string }>(CHUNK_KEYS));

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
      mode: z.enum(['install', 'reinstall', 'upgrade'], must('"install", "reinstall" or "upgrade"')),
      store: reference().optional(),
      chunkHashes: z.array(hexBytes(), must('a list of chunk hashes in hex')),
      wasmModuleHash: hexBytes(),
      arg: argSchema.optional(),
      skipPreUpgrade: optionalBoolean(),
    },
    must('an object such as {"method": "install_chunked_code", "canister": "counter", "mode": "install", "chunkHashes": ["…"], "wasmModuleHash": "…"}'),
  )
  .superRefine((value, ctx) => {
    if (value.skipPreUpgrade !== undefined && value.mode !== 'upgrade') {
      ctx.addIssue({ code: 'custom', message: 'applies only to mode "upgrade"', path: ['skipPreUpgrade'] });
    }
  });

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
};
