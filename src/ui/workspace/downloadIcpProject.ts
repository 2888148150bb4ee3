/**
 * The Export to icp-cli button's download (issue 15): the project's files in a zip, under a folder named after the
 * workspace, so that unzipping gives one folder ready for `npm install && icp build`.
 */
import type { IcpProjectExport } from '../../worker/protocol.ts';
import { downloadBlob } from './downloadText.ts';

export async function downloadIcpProject(exported: Extract<IcpProjectExport, { ok: true }>): Promise<string> {
  const { strToU8, zipSync } = await import('fflate');
  const entries = Object.fromEntries(exported.files.map(([path, content]) => [`${exported.name}/${path}`, typeof content === 'string' ? strToU8(content) : content]));
  const fileName = `${exported.name}-icp-cli.zip`;
  downloadBlob(fileName, new Blob([zipSync(entries, { level: 6 })], { type: 'application/zip' }));
  return fileName;
}
