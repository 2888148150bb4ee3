/**
 * The headless runner: `canister-playground run <scenario.json | ->` prints the report on stdout.
 * Exit status (SCENARIO.md): 0 the scenario ran; 2 the input is unusable (one message on stderr naming
 * the place, nothing on stdout); 1 only for a bug in the runner itself; 3 the scenario ran and an expectation of
 * its steps (`expect`) did not hold (docs/SCENARIO-EXTENSIONS.md "Expectations"). `--check` prints one line per
 * expectation instead of the report, `--summary` a few lines for a person; on a terminal, standard error shows the
 * run's progress (`--quiet`: errors only).
 *
 * Around that contract (docs/SCENARIO-EXTENSIONS.md, "The playground's own resource limits"): the scenario and the
 * source files it names are read up to a limit of the playground; the report is written as the reader takes it
 * (back-pressure); a reader that stops early (`| head`) ends the run quietly with 0, since the scenario ran; a
 * report that cannot be written (a full disk) is one message and 2.
 */
import { parseScenario } from '../scenario/parseScenario.ts';
import { playScenario } from '../scenario/runScenario.ts';
import { streamReportJson } from '../scenario/writeReportJson.ts';
import { nodeMotokoCompiler } from '../motoko/nodeMotokoCompiler.ts';
import { MAX_SCENARIO_BYTES, MAX_SOURCE_FILE_BYTES, formatMiB } from './runnerInputLimits.ts';
import { readScenarioText, sourceReader } from './scenarioInput.ts';
import { EXPORT_USAGE } from './parseExportArgs.ts';
import type { OutputStop } from './writableSink.ts';
import { optionRaising, parseRunArgs, RUN_FLAGS, RUN_LIMIT_OPTIONS } from './parseRunArgs.ts';
import { expectationLines } from '../scenario/expectationLines.ts';
import { exerciseAttempt, isExercise } from '../scenario/exerciseAttempt.ts';
import type { Scenario } from '../scenario/scenarioTypes.ts';
import { reportSummary } from '../scenario/reportSummary.ts';
import { runProgress } from './runProgress.ts';

export type { OutputStop };

const USAGE = 'usage: canister-playground run [options] <scenario.json | ->';
const HELP_FLAGS = new Set(['--help', '-h', 'help']);

const HELP = `${USAGE}
       ${EXPORT_USAGE.replace(/^usage: /, '')}

Runs a scenario (SCENARIO.md) on a simulated subnet and prints its report, JSON, on standard output.
"-" reads the scenario from standard input.

Exit status: 0 the scenario ran (also when the reader of the report stops early, as "| head" does);
2 the input is unusable, or the report could not be written (one message on standard error);
3 the scenario ran and an expectation of its steps ("expect") or one of its "checks" did not hold;
1 a bug in the runner.

Flags:
${Object.entries(RUN_FLAGS).map(([flag, describe]) => `  ${flag}  ${describe}`).join('\n')}

Options (the runner's own limits for one run; a run that reaches one stops after that round, says so in the
report's "limitReached" and in a note on standard error; reaching one is not an error):
${Object.entries(RUN_LIMIT_OPTIONS).map(([flag, option]) => `  ${flag} N  ${option.describe}`).join('\n')}

Export: "export --icp-cli <dir> <scenario.json | ->" plays the scenario and writes it to a new folder as an
icp-cli project (icp.yaml, the canisters' sources, the modules the playground ran) with a PocketIC test
(tests/scenario.test.ts) that replays it and compares each step with what the playground recorded.

The playground's own limits: a scenario document of at most ${formatMiB(MAX_SCENARIO_BYTES)}, UTF-8;
a source file it names ({"path": ...}) of at most ${formatMiB(MAX_SOURCE_FILE_BYTES)}.
`;

/**
 * The runner's view of the process, so that tests and the fuzzer can run it in memory (`createNodeIo` is the real
 * one). Only `stdout` and `stderr` are needed to be anything but plain functions.
 */
export interface CliIo {
  /**
   * Writes a piece of the report (or the help). Nothing to go on; a Promise while the reader is behind (the next
   * piece waits for it: back-pressure); an `OutputStop` once the writing cannot go on.
   */
  readonly stdout: (text: string) => OutputStop | void | Promise<OutputStop | void>;
  readonly stderr: (text: string) => void;
  /** Standard input; a reader need not read more than `limit + 1` bytes (more than `limit` is refused). */
  readonly readStdin: (limit: number) => string | Uint8Array | Promise<string | Uint8Array>;
  /** A file's bytes, or throws; as `readStdin`, at most `limit + 1` of them need be read. */
  readonly readFile: (path: string, limit: number) => Uint8Array;
  /** Settles once everything written to stdout has been handed over (or why not); absent, nothing to wait for. */
  readonly flushStdout?: () => Promise<OutputStop | void>;
  /** Whether standard error is a terminal: only then is the run's progress shown on it. */
  readonly stderrIsTerminal?: boolean;
  /** Milliseconds of the wall clock, for the progress line's pacing and rate (never for the run). */
  readonly now?: () => number;
  /** Writes files into a folder it creates, or one that is empty (nothing is overwritten); throws with the reason. */
  readonly writeTree?: (dir: string, files: ReadonlyMap<string, string | Uint8Array>) => void;
}

export async function main(args: readonly string[], io: CliIo): Promise<number> {
  if ((args.length === 1 && HELP_FLAGS.has(args[0])) || (args.length === 2 && (args[0] === 'run' || args[0] === 'export') && HELP_FLAGS.has(args[1]))) {
    await io.stdout(HELP);
    return 0;
  }
  // Loaded only for an export: the exporter and its YAML writer stay out of a run's start-up.
  if (args[0] === 'export') return (await import('./exportCommand.ts')).exportCommand(args.slice(1), io);
  const runArgs = args[0] === 'run' ? parseRunArgs(args.slice(1)) : null;
  if (!runArgs?.ok) {
    io.stderr(`${USAGE} (${runArgs ? `${runArgs.error}; ` : ''}--help for more)\n`);
    return 2;
  }
  const { target, limits, output, solution, quiet } = runArgs.args;
  const read = await readScenarioText(target, io);
  if (!read.ok) {
    io.stderr(`${read.error}\n`);
    return 2;
  }
  const parsed = parseScenario(read.text, limits);
  if (!parsed.ok) {
    io.stderr(`${parsed.error}\n`);
    return 2;
  }
  const scenario = solution ? exerciseSolution(parsed.scenario) : { ok: true as const, scenario: parsed.scenario };
  if (!scenario.ok) {
    io.stderr(`${scenario.error}\n`);
    return 2;
  }
  const progress = io.stderrIsTerminal && io.now && !quiet ? runProgress(io.stderr, io.now) : null;
  // moc.js is loaded only if the scenario has Motoko sources.
  const played = await playScenario(scenario.scenario, { readSource: sourceReader(target, io), motoko: nodeMotokoCompiler(), limits, onRound: progress?.onRound });
  progress?.done();
  if (!played.ok) {
    io.stderr(`${played.error}\n`);
    return 2;
  }
  const report = played.session.traceReport();
  const expectations = report.expectations ?? [];
  // In pieces (no 39.5 MB string for 20,000 updates), each made when the reader has taken the one before;
  // nothing is written before the scenario has run.
  const lines = output === 'check' ? expectationLines(expectations, scenario.scenario.steps) : output === 'summary' ? reportSummary(report) : null;
  const stopped = (lines
    ? await outputStop(io.stdout(`${lines.join('\n')}\n`))
    : await streamReportJson(report, (piece) => outputStop(io.stdout(piece))))
    ?? (await outputStop(io.flushStdout?.()));
  if (stopped?.stop === 'failed') {
    io.stderr(`cannot write the report to standard output: ${stopped.reason}\n`);
    return 2;
  }
  const cut = played.session.limitReached;
  if (cut && !quiet) {
    const option = optionRaising(cut.limit);
    io.stderr(`note: ${cut.message} (round ${cut.round}, step ${cut.step})${option ? `; ${option} N raises the limit` : ''}\n`);
  }
  // Written, or the reader stopped early: the scenario ran either way, and its expectations are known.
  return expectations.some((e) => !e.pass) ? 3 : 0;
}

/** `--solution`: the exercise with its solution as the learner's code. */
function exerciseSolution(scenario: Scenario): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  if (!isExercise(scenario)) return { ok: false, error: '--solution: the scenario is not an exercise (it has no "exercise")' };
  const { solution } = scenario.exercise;
  if (!solution) return { ok: false, error: '--solution: the exercise has no "solution"' };
  return { ok: true, scenario: exerciseAttempt(scenario, solution) };
}

/** What a write came to, whatever the io returned (a plain function may return anything: only an OutputStop stops). */
function outputStop(written: unknown): OutputStop | undefined | Promise<OutputStop | undefined> {
  if (written instanceof Promise) return written.then(outputStop);
  const stop = (written as { stop?: unknown } | null | undefined)?.stop;
  return stop === 'reader gone' || stop === 'failed' ? (written as OutputStop) : undefined;
}
