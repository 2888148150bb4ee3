/**
 * Cycles (ic-reference.md §1.2 "Cycles"). Inter-canister `call_cycles_add*` live with the call handlers.
 */
import { ErrorCode, trapSignal } from '../../errors.ts';
import { contractViolation, cycles128, U64_MAX, writeCycles128, type HostEnv } from '../hostEnv.ts';
import type { Ic0HandlerTable } from './handlerTypes.ts';

/** Liquid balance = balance − freezing limit (which already nets out the reserved balance), never negative. */
export function liquidBalance(env: HostEnv): bigint {
  const ctx = env.ctx();
  const liquid = ctx.balance - ctx.freezingLimit;
  return liquid > 0n ? liquid : 0n;
}

function fitsU64(fn: string, amount: bigint): bigint {
  if (amount > U64_MAX) contractViolation(`${fn}: the cycles amount ${amount} does not fit into 64 bits; use the 128-bit variant`);
  return amount;
}

function accept(env: HostEnv, max: bigint): bigint {
  const ctx = env.ctx();
  const amount = max < ctx.cyclesAvailable ? max : ctx.cyclesAvailable;
  ctx.cyclesAvailable -= amount;
  ctx.cyclesAccepted += amount;
  ctx.balance += amount;
  return amount;
}

export const CYCLES_HANDLERS: Ic0HandlerTable = {
  canister_cycle_balance: (env) => fitsU64('ic0.canister_cycle_balance', env.ctx().balance),
  canister_cycle_balance128: (env, dst: number) => writeCycles128(env, 'ic0.canister_cycle_balance128', dst, env.ctx().balance),
  canister_liquid_cycle_balance128: (env, dst: number) =>
    writeCycles128(env, 'ic0.canister_liquid_cycle_balance128', dst, liquidBalance(env)),
  msg_cycles_available: (env) => fitsU64('ic0.msg_cycles_available', env.ctx().cyclesAvailable),
  msg_cycles_available128: (env, dst: number) =>
    writeCycles128(env, 'ic0.msg_cycles_available128', dst, env.ctx().cyclesAvailable),
  msg_cycles_refunded: (env) => fitsU64('ic0.msg_cycles_refunded', env.ctx().cyclesRefunded),
  msg_cycles_refunded128: (env, dst: number) => writeCycles128(env, 'ic0.msg_cycles_refunded128', dst, env.ctx().cyclesRefunded),
  msg_cycles_accept: (env, max: bigint) => accept(env, BigInt.asUintN(64, max)),
  msg_cycles_accept128: (env, high: bigint, low: bigint, dst: number) =>
    writeCycles128(env, 'ic0.msg_cycles_accept128', dst, accept(env, cycles128(high, low))),
  cycles_burn128: (env, high: bigint, low: bigint, dst: number) => {
    const wanted = cycles128(high, low);
    const liquid = liquidBalance(env);
    const burned = wanted < liquid ? wanted : liquid;
    const ctx = env.ctx();
    ctx.balance -= burned;
    ctx.cyclesBurned += burned;
    writeCycles128(env, 'ic0.cycles_burn128', dst, burned);
  },
  // Replica-only: traps unless the caller is the Cycles Minting Canister, which never runs here (§1.2).
  mint_cycles128: () => {
    throw trapSignal(
      ErrorCode.CanisterContractViolation,
      'Canister violated contract: ic0.mint_cycles128 cannot be executed. Only the Cycles Minting Canister can mint cycles.',
    );
  },
};
