/**
 * The number of items before the first for which `after` holds, in a list where it holds for a suffix (events in
 * round order, messages in the order sent): a binary search, so a view can find a round's place in a long trace
 * without reading the trace.
 */
export function countBefore<T>(items: readonly T[], after: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (after(items[mid])) high = mid;
    else low = mid + 1;
  }
  return low;
}
