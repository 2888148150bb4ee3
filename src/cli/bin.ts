/** Process entry of the headless runner: any exception that escapes is a runner bug (exit 1). */
import { main, nodeIo } from './main.ts';

main(process.argv.slice(2), nodeIo).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`canister-playground: internal error (a bug in the runner): ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
