/**
 * `canister-playground export --icp-cli <dir> <scenario.json | ->` (issue 15): plays the scenario and writes it as
 * an icp-cli project with a PocketIC test into a new (or empty) folder. Exit 0 written; 2 the input is unusable or
 * the folder cannot be written (one message on stderr, nothing written over).
 */
import { exportIcpProject } from '../export/exportIcpProject.ts';
import { nodeMotokoCompiler } from '../motoko/nodeMotokoCompiler.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { describeIoError } from './describeIoError.ts';
import type { CliIo } from './main.ts';
import { readScenarioText, sourceReader } from './scenarioInput.ts';

export const EXPORT_USAGE = 'usage: canister-playground export --icp-cli <dir> <scenario.json | ->';

type ExportArgs = { ok: true; dir: string; target: string } | { ok: false; error: string };

export function parseExportArgs(args: readonly string[]): ExportArgs {
  let dir: string | null = null;
  let target: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, null];
    if (flag === '--icp-cli') {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return { ok: false, error: '--icp-cli needs the folder to write the project to' };
      if (dir !== null) return { ok: false, error: '--icp-cli given twice' };
      dir = value;
    } else if (arg.startsWith('--')) {
      return { ok: false, error: `unknown option ${JSON.stringify(flag)}` };
    } else if (target !== null) {
      return { ok: false, error: `one scenario at a time: "${target}" and "${arg}"` };
    } else {
      target = arg;
    }
  }
  if (dir === null) return { ok: false, error: 'say what to export to: --icp-cli <dir>' };
  if (target === null) return { ok: false, error: 'no scenario given' };
  return { ok: true, dir, target };
}

export async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseExportArgs(args);
  if (!parsed.ok) {
    io.stderr(`${EXPORT_USAGE} (${parsed.error}; --help for more)\n`);
    return 2;
  }
  const read = await readScenarioText(parsed.target, io);
  if (!read.ok) return fail(io, read.error);
  const scenario = parseScenario(read.text);
  if (!scenario.ok) return fail(io, scenario.error);
  const exported = await exportIcpProject(scenario.scenario, { readSource: sourceReader(parsed.target, io), motoko: nodeMotokoCompiler() });
  if (!exported.ok) return fail(io, exported.error);
  if (!io.writeTree) return fail(io, 'this runner cannot write files');
  try {
    io.writeTree(parsed.dir, exported.files);
  } catch (error) {
    return fail(io, `cannot write the project to ${JSON.stringify(parsed.dir)}: ${describeIoError(error)}`);
  }
  const canisters = [...exported.files.keys()].filter((path) => /^wasm\/[^/]+\.wasm$/.test(path)).length;
  await io.stdout(`wrote an icp-cli project (${canisters} canister${canisters === 1 ? '' : 's'}, ${exported.files.size} files) to ${parsed.dir}\n`
    + `next: cd ${parsed.dir} && npm install && icp build   (README.md says how to deploy it and run its PocketIC test)\n`);
  return 0;
}

function fail(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return 2;
}
