/**
 * `ic0.cost_*`: what an operation would cost, from the fee table (ic-reference.md §1.2, §5.1, §5.2, §5.4).
 */
import { scaleFee, type SubnetConfig } from '../../params.ts';
import { executionCost } from '../../cycles/fees.ts';
import { readBytes, writeCycles128, type HostEnv } from '../hostEnv.ts';
import type { Ic0HandlerTable } from './handlerTypes.ts';

const utf8 = new TextDecoder();

/** Threshold keys known to this subnet and the size of the subnet holding each (§5.1 "scaled by the key's subnet"). */
function keySubnetNodes(config: SubnetConfig, name: string): bigint | null {
  if (name === 'key_1') return config.params.keySubnetNodes;
  if (name === 'test_key_1' || name === 'dfx_test_key') return config.params.referenceSubnetSize;
  return null;
}

/** `xnet_call_total_fee`: call fee + bytes, reservation for the largest reply, and for executing the callback (§5.4). */
export function callTotalCost(config: SubnetConfig, methodNameBytes: bigint, payloadBytes: bigint): bigint {
  const p = config.params;
  const transmission = scaleFee(config, p.xnetCallFee + p.xnetByteTransmissionFee * (methodNameBytes + payloadBytes));
  const replyReservation = scaleFee(config, p.xnetByteTransmissionFee * p.maxReplyBytes);
  return transmission + replyReservation + executionCost(config, p.maxInstructionsPerMessage);
}

/** HTTPS outcall: `(base + per_node·n)·n + (400·req + 800·max_resp)·n` (§5.2). */
export function httpRequestCost(config: SubnetConfig, requestBytes: bigint, maxResponseBytes: bigint): bigint {
  const p = config.params;
  const n = config.nodes;
  const response = maxResponseBytes === 0n ? p.httpDefaultMaxResponseBytes : maxResponseBytes;
  return (p.httpRequestBaseFee + p.httpRequestPerNodeFee * n) * n
    + (p.httpRequestPerByteFee * requestBytes + p.httpResponsePerByteFee * response) * n;
}

/** Returns 0 and writes the fee, 1 for an unknown curve/algorithm, 2 for an unknown key (§1.2). */
function thresholdCost(env: HostEnv, fn: string, src: number, size: number, curve: number, knownCurves: number, fee: bigint, dst: number): number {
  const name = utf8.decode(readBytes(env, fn, src, size >>> 0));
  if (curve < 0 || curve >= knownCurves) return 1;
  const nodes = keySubnetNodes(env.config, name);
  if (nodes === null) return 2;
  writeCycles128(env, fn, dst, (fee * nodes) / env.config.params.referenceSubnetSize);
  return 0;
}

export const COST_HANDLERS: Ic0HandlerTable = {
  cost_call: (env, nameSize: bigint, payloadSize: bigint, dst: number) =>
    writeCycles128(env, 'ic0.cost_call', dst, callTotalCost(env.config, BigInt.asUintN(64, nameSize), BigInt.asUintN(64, payloadSize))),
  cost_create_canister: (env, dst: number) =>
    writeCycles128(env, 'ic0.cost_create_canister', dst, scaleFee(env.config, env.config.params.canisterCreationFee)),
  cost_http_request: (env, requestSize: bigint, maxResponse: bigint, dst: number) =>
    writeCycles128(env, 'ic0.cost_http_request', dst,
      httpRequestCost(env.config, BigInt.asUintN(64, requestSize), BigInt.asUintN(64, maxResponse))),
  // Curves/algorithms: ecdsa 0 = secp256k1; schnorr 0 = bip340secp256k1, 1 = ed25519; vetkd 0 = bls12_381 (§1.2).
  cost_sign_with_ecdsa: (env, src: number, size: number, curve: number, dst: number) =>
    thresholdCost(env, 'ic0.cost_sign_with_ecdsa', src, size, curve, 1, env.config.params.signatureFee, dst),
  cost_sign_with_schnorr: (env, src: number, size: number, algorithm: number, dst: number) =>
    thresholdCost(env, 'ic0.cost_sign_with_schnorr', src, size, algorithm, 2, env.config.params.signatureFee, dst),
  cost_vetkd_derive_key: (env, src: number, size: number, curve: number, dst: number) =>
    thresholdCost(env, 'ic0.cost_vetkd_derive_key', src, size, curve, 1, env.config.params.vetKdFee, dst),
};
