/**
 * `JSON.stringify` that writes bigints as decimal strings, the report's rule for cycles, instructions and times.
 * `JSON.stringify` throws on a bigint unless `BigInt.prototype.toJSON` exists, so it exists for this one
 * synchronous call and the prototype is put back as it was afterwards. This lets the runner write the engine's
 * trace events as they are: copying each one to replace its bigints cost more than writing them (BENCHMARKS.md,
 * issue #5), and a replacer function, called for every value, cost as much as the copies.
 */
export function stringifyWithBigInts(value: unknown, indent: number): string {
  const proto = BigInt.prototype as { toJSON?: unknown };
  const previous = Object.getOwnPropertyDescriptor(proto, 'toJSON');
  Object.defineProperty(proto, 'toJSON', { value: decimal, configurable: true, writable: true });
  try {
    return JSON.stringify(value, null, indent);
  } finally {
    if (previous) Object.defineProperty(proto, 'toJSON', previous);
    else delete proto.toJSON;
  }
}

function decimal(this: bigint): string {
  return this.toString();
}
