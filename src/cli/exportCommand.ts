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
import { EXPORT_USAGE, parseExportArgs } from './parseExportArgs.ts';


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
  const { canisters } = exported;
  await io.stdout(`wrote an icp-cli project (${canisters} canister${canisters === 1 ? '' : 's'}, ${exported.files.size} files) to ${parsed.dir}\n`
    + `next: cd ${parsed.dir} && npm install && icp build   (README.md says how to deploy it and run its PocketIC test)\n`);
  return 0;
}

function fail(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return 2;
}
