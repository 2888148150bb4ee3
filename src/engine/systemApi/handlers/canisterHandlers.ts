/**
 * Self, status and environment (ic-reference.md §1.2 "Self / status / environment").
 */
import { API_CONTEXTS } from '../apiContext.ts';
import { contractViolation, copyBlob, readBytes, type HostEnv } from '../hostEnv.ts';
import type { Ic0HandlerTable } from './handlerTypes.ts';
import { sameBytes } from '../../sameBytes.ts';

const STATUS_CODE = { running: 1, stopping: 2, stopped: 3 } as const;
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Principals are 0–29 bytes (ic-reference.md §9). */
const MAX_PRINCIPAL_BYTES = 29;

function envVarName(env: HostEnv, fn: string, src: number, size: number): string {
  try {
    return strictUtf8.decode(readBytes(env, fn, src, size));
  } catch {
    contractViolation(`${fn}: variable name is not valid UTF-8`);
  }
}

function envVarValue(env: HostEnv, fn: string, src: number, size: number): Uint8Array {
  const name = envVarName(env, fn, src, size);
  const found = env.ctx().envVars.find(([n]) => n === name);
  if (!found) contractViolation(`${fn}: environment variable "${name}" does not exist`);
  return utf8.encode(found[1]);
}

function envVarAt(env: HostEnv, fn: string, index: number): Uint8Array {
  const entry = env.ctx().envVars[index >>> 0];
  if (!entry) contractViolation(`${fn}: index ${index >>> 0} is out of bounds`);
  return utf8.encode(entry[0]);
}

export const CANISTER_HANDLERS: Ic0HandlerTable = {
  canister_self_size: (env) => env.ctx().self.length,
  canister_self_copy: (env, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.canister_self_copy', env.ctx().self, dst, offset, size),
  canister_status: (env) => STATUS_CODE[env.ctx().status],
  canister_version: (env) => env.ctx().version,
  subnet_self_size: (env) => env.ctx().subnetId.length,
  subnet_self_copy: (env, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.subnet_self_copy', env.ctx().subnetId, dst, offset, size),
  // The subnet's size is the scenario's `subnet.nodes` (13 by default), the number fees are scaled by (§5.1).
  subnet_self_node_count: (env) => Number(env.config.nodes),
  is_controller: (env, src: number, size: number) => {
    const len = size >>> 0;
    env.charge(BigInt(len) * env.config.params.ic0InstructionsPerByte);
    const bytes = readBytes(env, 'ic0.is_controller', src, len);
    if (len > MAX_PRINCIPAL_BYTES) contractViolation(`ic0.is_controller: invalid principal (${len} bytes)`);
    return env.ctx().controllers.some((c) => sameBytes(c, bytes)) ? 1 : 0;
  },
  in_replicated_execution: (env) => (API_CONTEXTS[env.ctx().api].replicated ? 1 : 0),
  root_key_size: (env) => env.ctx().rootKey.length,
  root_key_copy: (env, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.root_key_copy', env.ctx().rootKey, dst, offset, size),
  env_var_count: (env) => env.ctx().envVars.length,
  env_var_name_size: (env, index: number) => envVarAt(env, 'ic0.env_var_name_size', index).length,
  env_var_name_copy: (env, index: number, dst: number, offset: number, size: number) =>
    copyBlob(env, 'ic0.env_var_name_copy', envVarAt(env, 'ic0.env_var_name_copy', index), dst, offset, size),
  env_var_name_exists: (env, src: number, size: number) => {
    const name = envVarName(env, 'ic0.env_var_name_exists', src, size);
    return env.ctx().envVars.some(([n]) => n === name) ? 1 : 0;
  },
  env_var_value_size: (env, src: number, size: number) => envVarValue(env, 'ic0.env_var_value_size', src, size).length,
  env_var_value_copy: (env, src: number, size: number, dst: number, offset: number, len: number) =>
    copyBlob(env, 'ic0.env_var_value_copy', envVarValue(env, 'ic0.env_var_value_copy', src, size), dst, offset, len),
};
