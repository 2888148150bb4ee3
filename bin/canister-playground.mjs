#!/usr/bin/env node
// The package's bin: runs the runner built to JavaScript in dist-runner/ (scripts/buildRunner.mjs, run by npm's
// `prepare` on install and before `npm pack`), so start-up compiles no TypeScript.
// Resolving a relative path asks for the working directory; in a directory that has been deleted that throws,
// which would be exit 1 ("a bug in the runner") with a stack trace. It is the environment that is unusable: exit 2.
try {
  process.cwd();
} catch (error) {
  process.stderr.write(`canister-playground: the working directory cannot be read (${error.code ?? error.message}); run it from an existing directory\n`);
  process.exit(2);
}

try {
  await import('../dist-runner/canister-playground.mjs');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist-runner')) throw error;
  process.stderr.write('canister-playground: the runner is not built (dist-runner/ is missing); run `npm run build:runner` (npm install runs it)\n');
  process.exit(2);
}
