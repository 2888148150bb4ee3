/**
 * The arguments of `canister-playground run`: the scenario (a path or "-") and options that raise or lower the
 * runner's own limits for this run (src/scenario/runLimits.ts). Options come before or after the scenario, each with
 * its value as the next argument or after "=".
 */
import { DEFAULT_RUN_LIMITS, type RunLimit, type RunLimits } from '../scenario/runLimits.ts';

/**
 * What goes to standard output: the JSON report; `--check`, one line per expectation (docs/SCENARIO-EXTENSIONS.md
 * "Expectations"); `--summary`, a few lines for a person (`reportSummary.ts`).
 */
export type RunOutput = 'report' | 'check' | 'summary';

export interface RunArgs {
  readonly target: string;
  readonly limits: RunLimits;
  readonly output: RunOutput;
  /** `--solution`: an exercise played with its solution in place of the starter code (docs/SCENARIO-EXTENSIONS.md "Exercises"). */
  readonly solution: boolean;
  /** `--quiet`: no progress and no notes on standard error (errors are still said). */
  readonly quiet: boolean;
}

/** Options without a value, by flag: what each is for, in the table the help is written from. */
export const RUN_FLAGS: Readonly<Record<string, string>> = {
  '--check': 'print one line per expectation of the scenario ("expect" on its steps, its "checks") instead of the report',
  '--summary': 'print a short summary for a person (calls, rejects, traps, cycles burned) instead of the report',
  '--solution': 'play an exercise ("exercise" in the scenario) with its solution in place of the starter code',
  '--quiet': 'say nothing on standard error but errors: no progress (shown on a terminal during long runs), no notes',
};

/** The flags that choose the output, and which. */
const OUTPUT_FLAGS: Readonly<Record<string, RunOutput>> = { '--check': 'check', '--summary': 'summary' };

export type ParsedRunArgs = { readonly ok: true; readonly args: RunArgs } | { readonly ok: false; readonly error: string };

interface LimitOption {
  /** The limit it sets, as a run that reaches it reports it (`limitReached.limit`). */
  readonly limit: RunLimit;
  readonly describe: string;
  /** The largest value taken (what the counter can hold, or what the machine could ever run). */
  readonly max: bigint;
  readonly set: (limits: RunLimits, value: bigint) => RunLimits;
}

/** Each option, by flag: what it sets, in the table the help is written from. */
export const RUN_LIMIT_OPTIONS: Readonly<Record<string, LimitOption>> = {
  '--max-instructions': {
    limit: 'instructions',
    describe: `instructions the run's executions may use in all (default ${DEFAULT_RUN_LIMITS.maxInstructionsPerRun.toLocaleString('en-US')})`,
    max: 10n ** 18n,
    set: (limits, value) => ({ ...limits, maxInstructionsPerRun: value }),
  },
  '--max-system-api-calls': {
    limit: 'systemApiCalls',
    describe: `System API calls the run's executions may make in all (default ${DEFAULT_RUN_LIMITS.maxSystemApiCallsPerRun.toLocaleString('en-US')})`,
    max: BigInt(Number.MAX_SAFE_INTEGER),
    set: (limits, value) => ({ ...limits, maxSystemApiCallsPerRun: Number(value) }),
  },
};

export function parseRunArgs(args: readonly string[]): ParsedRunArgs {
  let limits = DEFAULT_RUN_LIMITS;
  let target: string | null = null;
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      if (target !== null) return { ok: false, error: `one scenario at a time: "${target}" and "${arg}"` };
      target = arg;
      continue;
    }
    if (Object.hasOwn(RUN_FLAGS, arg)) {
      flags.add(arg);
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, null];
    if (Object.hasOwn(RUN_FLAGS, flag)) return { ok: false, error: `${flag} takes no value` };
    const option = RUN_LIMIT_OPTIONS[flag];
    if (!option) return { ok: false, error: `unknown option ${JSON.stringify(flag)}` };
    const text = inline ?? args[++i];
    if (text === undefined) return { ok: false, error: `${flag} needs a value` };
    if (!/^[0-9]+$/.test(text) || BigInt(text) < 1n || BigInt(text) > option.max) {
      return { ok: false, error: `${flag}: ${JSON.stringify(text)} is not a whole number from 1 to ${option.max.toLocaleString('en-US')}` };
    }
    limits = option.set(limits, BigInt(text));
  }
  if (target === null) return { ok: false, error: 'no scenario given' };
  const outputs = Object.keys(OUTPUT_FLAGS).filter((flag) => flags.has(flag));
  if (outputs.length > 1) return { ok: false, error: `${outputs.join(' and ')} choose different outputs: one of them` };
  const output = outputs.length === 1 ? OUTPUT_FLAGS[outputs[0]] : 'report';
  return { ok: true, args: { target, limits, output, solution: flags.has('--solution'), quiet: flags.has('--quiet') } };
}

/** The option that sets `limit`, or null (rounds and events are the machine's: no option raises them). */
export function optionRaising(limit: RunLimit): string | null {
  return Object.entries(RUN_LIMIT_OPTIONS).find(([, option]) => option.limit === limit)?.[0] ?? null;
}
