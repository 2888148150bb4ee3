/** A step's argument as the console shows it: read like a reply (text, a number, Candid, hex), its Candid text, or "(empty)". */
import { bytesToHex } from '../../engine/index.ts';
import { decodeBase64 } from '../../scenario/decodeBase64.ts';
import type { Arg } from '../../scenario/scenarioTypes.ts';
import { describeReply } from './describeReply.ts';

export function describeArg(arg: Arg | undefined): string {
  if (!arg) return '(empty)';
  if ('text' in arg) return arg.text === '' ? '(empty)' : JSON.stringify(arg.text);
  if ('candid' in arg) return `Candid ${arg.candid}`;
  const hex = 'hex' in arg ? arg.hex.replace(/^0x/, '').toLowerCase() : bytesToHex(decodeBase64(arg.base64) ?? new Uint8Array(0));
  return describeReply(hex, null).shown;
}
