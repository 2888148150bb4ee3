/** The arguments of `canister-playground export --icp-cli <dir> <scenario.json | ->` (issue 15). */

export const EXPORT_USAGE = 'usage: canister-playground export --icp-cli <dir> <scenario.json | ->';

type ExportArgs = { ok: true; dir: string; target: string } | { ok: false; error: string };

export function parseExportArgs(args: readonly string[]): ExportArgs {
  let dir: string | null = null;
  let target: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, null];
    if (flag === '--icp-cli') {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return { ok: false, error: '--icp-cli needs the folder to write the project to' };
      if (dir !== null) return { ok: false, error: '--icp-cli given twice' };
      dir = value;
    } else if (arg.startsWith('--')) {
      return { ok: false, error: `unknown option ${JSON.stringify(flag)}` };
    } else if (target !== null) {
      return { ok: false, error: `one scenario at a time: "${target}" and "${arg}"` };
    } else {
      target = arg;
    }
  }
  if (dir === null) return { ok: false, error: 'say what to export to: --icp-cli <dir>' };
  if (target === null) return { ok: false, error: 'no scenario given' };
  return { ok: true, dir, target };
}
