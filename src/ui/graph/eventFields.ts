/**
 * Typed reads of serialised trace events (docs/TRACE.md). `EventView` is a loose record on purpose (it is
 * whatever crossed the worker boundary), so a missing or odd field reads as a neutral value instead of
 * crashing the views: a malformed event should show up wrong, never blank the page.
 */
import type { EventView } from '../../worker/protocol.ts';

export function text(event: EventView, key: string): string {
  const value = event[key];
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function int(event: EventView, key: string): number {
  const value = event[key];
  return typeof value === 'number' ? value : Number(value ?? NaN);
}

/** A decimal-string amount as bigint; 0 when it is not one. */
export function amount(event: EventView, key: string): bigint {
  try {
    return BigInt(text(event, key) || '0');
  } catch {
    return 0n;
  }
}

export function nullableText(event: EventView, key: string): string | null {
  const value = event[key];
  return value === undefined || value === null ? null : text(event, key);
}

export function textList(event: EventView, key: string): string[] {
  const value = event[key];
  return Array.isArray(value) ? value.map(String) : [];
}

/** A call's response as the trace summarises it (`ResponseSummary`). */
export interface ResponseView {
  readonly type: 'reply' | 'reject';
  readonly rejectCode: number;
  readonly errorCode: string | null;
  readonly message: string;
}

export function response(event: EventView, key = 'response'): ResponseView {
  const value = (event[key] ?? {}) as Record<string, unknown>;
  return {
    type: value.type === 'reject' ? 'reject' : 'reply',
    rejectCode: typeof value.rejectCode === 'number' ? value.rejectCode : 0,
    errorCode: typeof value.errorCode === 'string' ? value.errorCode : null,
    message: typeof value.message === 'string' ? value.message : '',
  };
}

/** The method an entry point runs: "canister_update inc" → "inc"; null for callbacks, timers, init … */
export function calledMethod(entryPoint: string): string | null {
  const match = /^canister_(?:update|query|composite_query) (.*)$/.exec(entryPoint);
  return match ? match[1] : null;
}
