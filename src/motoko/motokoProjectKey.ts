/**
 * A project's identity for caching: the SHA-256 of its files (sorted by path) and its main file. Two sources that
 * are the same project (a one-text source and `{ files: { "Main.mo": same text }, main: "Main.mo" }`) share it.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '../engine/index.ts';
import type { MotokoProject } from './motokoProject.ts';

export function motokoProjectKey(project: MotokoProject): string {
  const files = Object.keys(project.files).sort().map((path) => [path, project.files[path]]);
  return bytesToHex(sha256(new TextEncoder().encode(JSON.stringify([project.main, files]))));
}
