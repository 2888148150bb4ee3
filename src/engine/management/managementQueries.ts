/**
 * The management canister's methods a user may call as a query (ic-reference.md §3.2, §12): answered at once from
 * the committed state, free of charge. A method that is not one of them is refused like the replica's query
 * handler refuses it (IC0536 "Query method … not found.").
 */
import { ErrorCode, systemReject } from '../errors.ts';
import type { QueryResult } from '../subnet/executeQuery.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import { FETCH_CANISTER_LOGS, fetchCanisterLogsReply } from './fetchCanisterLogs.ts';

type ManagementQuery = (state: SubnetState, sender: string, arg: Uint8Array) => QueryResult;

const MANAGEMENT_QUERIES: Readonly<Record<string, ManagementQuery>> = {
  [FETCH_CANISTER_LOGS]: (state, sender, arg) => {
    const outcome = fetchCanisterLogsReply(state, sender, arg);
    return outcome.ok ? { type: 'reply', data: outcome.data } : { type: 'reject', reject: outcome.reject };
  },
};

export function executeManagementQuery(state: SubnetState, sender: string, method: string, arg: Uint8Array): QueryResult {
  const query = Object.prototype.hasOwnProperty.call(MANAGEMENT_QUERIES, method) ? MANAGEMENT_QUERIES[method] : undefined;
  if (!query) return { type: 'reject', reject: systemReject(ErrorCode.CanisterMethodNotFound, `Query method ${method} not found.`) };
  return query(state, sender, arg);
}
