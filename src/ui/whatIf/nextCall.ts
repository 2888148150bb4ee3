/** What a planned trap waits for, in words: "call to inc", or "update call" when it takes any (the `trap` step). */
export function nextCall(method: string | null): string {
  return method === null ? 'update call' : `call to ${method}`;
}
