#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so the runner works right after `npm install`.
// tsx's compiler asks for the working directory as it loads; in a directory that has been deleted that throws,
// which would be exit 1 ("a bug in the runner") with a stack trace. It is the environment that is unusable: exit 2.
try {
  process.cwd();
} catch (error) {
  process.stderr.write(`canister-playground: the working directory cannot be read (${error.code ?? error.message}); run it from an existing directory\n`);
  process.exit(2);
}

// Imported only now: a static import would load the compiler before the check.
const { tsImport } = await import('tsx/esm/api');
await tsImport('../src/cli/bin.ts', import.meta.url);
