/**
 * The main thread's Motoko compiler: the Motoko worker, started the first time something is compiled or checked
 * (the editor's markers, a deploy, a scenario that has Motoko) and shared by both: the engine worker gets it as a
 * Comlink proxy (`EngineClient`), so compiled bytes reach the engine as inputs and each project is compiled once
 * per page. A worker that dies (out of memory) fails what it had in flight; the next request starts a new one.
 */
import * as Comlink from 'comlink';
import type { MotokoCompileResult, MotokoCompiler } from '../motoko/motokoCompiler.ts';
import type { MocCompiler } from '../motoko/mocCompiler.ts';
import type { MotokoProject } from '../motoko/motokoProject.ts';

/**
 * The current worker's compiler and cache; null until first asked, and again after its worker died. Its module (and
 * the SHA-256 its cache keys take) is fetched then too: a page that never compiles Motoko does not load it before
 * its first graph (issue 16, target 7).
 */
let current: Promise<MotokoCompiler> | null = null;
function instance(): Promise<MotokoCompiler> {
  if (current !== null) return current;
  const loading = import('../motoko/onDemandMotokoCompiler.ts')
    .then(({ onDemandMotokoCompiler }) => onDemandMotokoCompiler(async () => startWorker(), compileInFreshWorker));
  // A module that failed to arrive (the network) is asked for again next time.
  loading.catch(() => { if (current === loading) current = null; });
  return (current = loading);
}

/** Always the same object, which asks whichever worker is current. */
const CLIENT: MotokoCompiler = {
  compile: (project) => instance().then((compiler) => compiler.compile(project)),
  check: (project) => instance().then((compiler) => compiler.check(project)),
};

export function motokoClient(): MotokoCompiler {
  return CLIENT;
}

/** A project compiled by a Motoko worker of its own, started for it and stopped after (`onDemandMotokoCompiler`). */
async function compileInFreshWorker(project: MotokoProject): Promise<MotokoCompileResult> {
  const worker = newMotokoWorker();
  try {
    return await startWorker(worker, { shared: false }).compile(project);
  } finally {
    worker.terminate();
  }
}

function newMotokoWorker(): Worker {
  return new Worker(new URL('./motoko.worker.ts', import.meta.url), { type: 'module' });
}

function startWorker(worker = newMotokoWorker(), { shared } = { shared: true }): MotokoCompiler {
  const remote = Comlink.wrap<MocCompiler>(worker);
  let died: Error | null = null;
  const failures = new Set<(error: Error) => void>();
  worker.addEventListener('error', (event) => {
    died = new Error(`the Motoko compiler stopped (${event.message || 'its worker failed'})`);
    for (const fail of failures) fail(died);
    // The next request starts a new worker.
    if (shared) current = null;
    worker.terminate();
  });
  const guard = <T>(call: () => Promise<T>): Promise<T> => {
    if (died) return Promise.reject(died);
    return new Promise<T>((resolve, reject) => {
      failures.add(reject);
      call().then(resolve, reject).finally(() => failures.delete(reject));
    });
  };
  return {
    compile: (project) => guard(() => remote.compile(project) as Promise<MotokoCompileResult>),
    check: (project) => guard(() => remote.check(project)),
  };
}
