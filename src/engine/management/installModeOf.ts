/**
 * The decoded `canister_install_mode` variant (ic-reference.md §4.2) as the engine's install mode: `install`,
 * `reinstall`, or `upgrade` with its `skip_pre_upgrade` option. Shared by `install_code` and `install_chunked_code`.
 */
import type { InstallMode } from './installCode.ts';

export function installModeOf(mode: Record<string, unknown>): { mode: InstallMode; skipPreUpgrade: boolean } {
  if ('install' in mode) return { mode: 'install', skipPreUpgrade: false };
  if ('reinstall' in mode) return { mode: 'reinstall', skipPreUpgrade: false };
  const options = (mode.upgrade as [{ skip_pre_upgrade: [] | [boolean] }] | []) ?? [];
  return { mode: 'upgrade', skipPreUpgrade: options[0]?.skip_pre_upgrade[0] === true };
}
