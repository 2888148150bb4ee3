/** Process entry of the headless runner: any exception that escapes is a runner bug (exit 1). */
import { main } from './main.ts';
import { createNodeIo } from './createNodeIo.ts';

main(process.argv.slice(2), createNodeIo()).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`canister-playground: internal error (a bug in the runner): ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
