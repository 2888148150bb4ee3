/**
 * A reply's bytes in words a learner reads: its typed Candid text when the report has it, text when they are
 * printable UTF-8, a number when they are 4 or 8 bytes (the templates reply little-endian integers), Candid text
 * when they are Candid (`candidText.ts`, by the wire types), otherwise hex (long ones cut). Canister output stays text: this only chooses how to show it.
 */
import { hexToBytes } from '../../engine/index.ts';
import { candidText } from './candidText.ts';

export interface ReplyView {
  /** How the bytes are read: text, a number, Candid, hex, nothing. */
  readonly as: 'empty' | 'text' | 'u32' | 'u64' | 'candid' | 'hex';
  readonly shown: string;
  readonly bytes: number;
}

const SHOWN_HEX_BYTES = 64;

/** `candid`: the reply already read as Candid (a report's `replyCandid`, typed by the method's results). */
export function describeReply(hex: string, text: string | null | undefined, candid?: string): ReplyView {
  const bytes = hex.length / 2;
  if (candid !== undefined) return { as: 'candid', shown: `Candid ${candid}`, bytes };
  if (bytes === 0) return { as: 'empty', shown: '(empty)', bytes };
  if (hex.startsWith('4449444c')) {
    const text = candidText(hexToBytes(hex));
    if (text !== null) return { as: 'candid', shown: `Candid ${text}`, bytes };
  }
  if (typeof text === 'string' && isPrintable(text)) return { as: 'text', shown: JSON.stringify(text), bytes };
  if (bytes === 8) return { as: 'u64', shown: `${littleEndian(hex)} (u64, little-endian)`, bytes };
  if (bytes === 4) return { as: 'u32', shown: `${littleEndian(hex)} (u32, little-endian)`, bytes };
  return { as: 'hex', shown: `0x${cut(hex)}`, bytes };
}

function isPrintable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

function littleEndian(hex: string): string {
  let value = 0n;
  for (let i = hex.length - 2; i >= 0; i -= 2) value = (value << 8n) | BigInt(parseInt(hex.slice(i, i + 2), 16));
  return value.toLocaleString('en-US');
}

function cut(hex: string): string {
  return hex.length > SHOWN_HEX_BYTES * 2 ? `${hex.slice(0, SHOWN_HEX_BYTES * 2)}… (${hex.length / 2} bytes)` : hex;
}
