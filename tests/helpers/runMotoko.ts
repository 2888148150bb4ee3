/**
 * Test harness for Motoko scenarios: fixtures read from tests/scenarios/motoko/*.mo, compiled by moc.js in this
 * process (each project once per test file: `nodeMotokoCompiler`), and Candid arguments and replies.
 */
import { readFileSync } from 'node:fs';
import { IDL } from '@dfinity/candid';
import { nodeMotokoCompiler } from '../../src/motoko/nodeMotokoCompiler.ts';
import type { Report, StepReport } from '../../src/scenario/reportTypes.ts';
import { runInline, tryRunInline, type InlineScenario } from './runInline.ts';

/** The text of tests/scenarios/motoko/`name`. */
export function motokoFixture(name: string): string {
  return readFileSync(new URL(`../scenarios/motoko/${name}`, import.meta.url), 'utf8');
}

/** A source of fixtures: one file, or several with the first as main. */
export function motokoSource(main: string, ...others: string[]): { motoko: string | { files: Record<string, string>; main: string } } {
  if (others.length === 0) return { motoko: motokoFixture(main) };
  const files = Object.fromEntries([main, ...others].map((name) => [name, motokoFixture(name)]));
  return { motoko: { files, main } };
}

export const runMotoko = (scenario: InlineScenario): Promise<Report> => runInline(scenario, { motoko: nodeMotokoCompiler() });
export const tryRunMotoko = (scenario: InlineScenario) => tryRunInline(scenario, { motoko: nodeMotokoCompiler() });

/** A Candid argument as a scenario ARG. */
export function candidArg(types: IDL.Type[] = [], values: unknown[] = []): { hex: string } {
  return { hex: Buffer.from(IDL.encode(types, values)).toString('hex') };
}

/** The Candid values of a step's reply; throws with the reject when it has none. */
export function candidReply(step: StepReport, types: IDL.Type[]): unknown[] {
  if (step.status !== 'replied' || step.reply === undefined) {
    throw new Error(`step ${step.step} did not reply: ${step.errorCode ?? ''} ${step.rejectMessage ?? step.status}`);
  }
  return IDL.decode(types, new Uint8Array(Buffer.from(step.reply, 'hex')));
}

/** The only Candid value of a step's reply. */
export const candidValue = (step: StepReport, type: IDL.Type): unknown => candidReply(step, [type])[0];

/** Log lines of a canister, by name, with their rounds. */
export function logsOf(report: Report, canister: string): { round: number; text: string; trap: boolean }[] {
  return report.logs.filter((l) => l.canister === canister).map(({ round, text, trap }) => ({ round, text, trap }));
}
