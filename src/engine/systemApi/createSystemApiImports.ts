/**
 * Builds the `ic0` import object for one canister instance from the tables: signature and allowed contexts
 * (ic0Signatures), fixed overhead (ic0Overheads) and behaviour (handlers/*). Each import charges its
 * overhead first, then checks the context (ic-reference.md §1.3: the overhead is charged before the check),
 * then runs its handler.
 */
import { contextsAllowedBy, API_CONTEXTS } from './apiContext.ts';
import { IC0_SIGNATURES } from './ic0Signatures.ts';
import { ic0OverheadParam } from './ic0Overheads.ts';
import { contractViolation, type HostEnv } from './hostEnv.ts';
import { ErrorCode, trapSignal, type TrapSignal } from '../errors.ts';
import type { Ic0Handler, Ic0HandlerTable } from './handlers/handlerTypes.ts';
import { MSG_HANDLERS } from './handlers/msgHandlers.ts';
import { CANISTER_HANDLERS } from './handlers/canisterHandlers.ts';
import { CYCLES_HANDLERS } from './handlers/cyclesHandlers.ts';
import { STABLE_HANDLERS } from './handlers/stableHandlers.ts';
import { TIME_HANDLERS } from './handlers/timeHandlers.ts';
import { COST_HANDLERS } from './handlers/costHandlers.ts';
import { DEBUG_HANDLERS } from './handlers/debugHandlers.ts';
import { CALL_HANDLERS } from './handlers/callHandlers.ts';

const HANDLERS: Ic0HandlerTable = {
  ...MSG_HANDLERS, ...CANISTER_HANDLERS, ...CYCLES_HANDLERS, ...STABLE_HANDLERS, ...TIME_HANDLERS,
  ...COST_HANDLERS, ...DEBUG_HANDLERS, ...CALL_HANDLERS,
};

/** Builds the `ic0` imports a module declares. */
export function createSystemApiImports(env: HostEnv, importedNames: readonly string[]): Record<string, (...args: never[]) => unknown> {
  const handlers = HANDLERS;
  const imports: Record<string, (...args: never[]) => unknown> = {};
  for (const name of importedNames) {
    const signature = IC0_SIGNATURES[name];
    if (!signature) throw new Error(`engine invariant violated: validated module imports unknown ic0.${name}`);
    imports[name] = wrapImport(env, name, handlers[name], contextsAllowedBy(signature.allowed), ic0OverheadParam(name));
  }
  return imports;
}

function wrapImport(
  env: HostEnv,
  name: string,
  handler: Ic0Handler | undefined,
  allowed: ReadonlySet<string>,
  overhead: ReturnType<typeof ic0OverheadParam>,
): (...args: never[]) => unknown {
  const overheadCost = overhead ? env.config.params[overhead] : 0n;
  const maxCalls = Number(env.config.params.maxSystemApiCallsPerMessage);
  return (...args: never[]) => {
    env.charge(overheadCost);
    const ctx = env.ctx();
    ctx.ic0Calls[name] = (ctx.ic0Calls[name] ?? 0) + 1;
    if (++ctx.systemApiCalls > maxCalls) throw systemApiCallsTrap(maxCalls, name);
    const api = ctx.api;
    if (!allowed.has(api)) contractViolation(`"ic0_${name}" cannot be executed in ${API_CONTEXTS[api].modeName} mode`);
    if (!handler) contractViolation(`ic0.${name} is not available in this version of Canister Playground`);
    return handler(env, ...args);
  };
}

/**
 * The trap an execution ends with at its `maxSystemApiCallsPerMessage + 1`-th `ic0` call (IC0502, rolled back as any
 * trap): the playground's limit, not the replica's. A call costs the engine 0.1–1 µs however few instructions it
 * charges, so without it a message of empty `debug_print`s or `stable64_read`s (100 and 20 instructions) would keep
 * the engine busy for minutes within the replica's 40 B-instruction limit.
 */
function systemApiCallsTrap(limit: number, name: string): TrapSignal {
  const note = { parameter: 'maxSystemApiCallsPerMessage', limit: BigInt(limit), inUse: BigInt(limit), requested: 1n, refused: `ic0.${name}` } as const;
  const message = `Canister made more than ${limit.toLocaleString('en-US')} System API calls in one execution, the playground's limit ` +
    '(maxSystemApiCallsPerMessage). This is a limit of the playground (each call costs it far more time than the Internet ' +
    'Computer\'s replica), not of the Internet Computer; a scenario may raise it with subnet.params.maxSystemApiCallsPerMessage.';
  return { ...trapSignal(ErrorCode.CanisterTrapped, message), playgroundLimit: note };
}
