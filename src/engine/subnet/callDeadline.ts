/**
 * Deadlines of bounded-wait calls (ic-reference.md §3.7) are coarse: whole seconds. The replica takes the floor of
 * the execution's time plus the timeout (SAPI request_in_prep: `CoarseTime::floor(time + timeout)`), and a deadline
 * has expired once it is *before* the floor of the current time (replicated_state message_pool `expire_messages`,
 * system_state `time_out_callbacks`: "deadline < now"), so a call can wait up to a second longer than its timeout.
 */
const NS_PER_SECOND = 1_000_000_000n;

/** The deadline, in ns since the epoch, of a call made at `timeNs` with a timeout of `timeoutSeconds`. */
export function callDeadlineNs(timeNs: bigint, timeoutSeconds: number): bigint {
  return ((timeNs + BigInt(timeoutSeconds) * NS_PER_SECOND) / NS_PER_SECOND) * NS_PER_SECOND;
}

/** Whether a (non-zero) deadline has expired at `timeNs`. Unbounded-wait calls (deadline 0) never expire. */
export function deadlineExpired(deadlineNs: bigint, timeNs: bigint): boolean {
  return deadlineNs !== 0n && deadlineNs / NS_PER_SECOND < timeNs / NS_PER_SECOND;
}
