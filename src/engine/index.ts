/**
 * The engine's public surface: the only module other layers import (style-anchors §9.4 rule 2).
 * Everything here is pure and deterministic: same inputs, same trace, in Node and in the browser.
 */
export { Subnet, type CreateCanisterOptions } from './subnet/subnet.ts';
export type { SubnetState, IngressRecord, IngressStatus, SubnetTotals } from './subnet/subnetState.ts';
export type { SubnetCheckpoint } from './subnet/subnetCheckpoint.ts';
export { BROWSER_PLAYGROUND_LIMITS, measureSubnetMemory, scenarioCanisterLimitError } from './subnet/playgroundLimits.ts';
export { BROWSER_LIVE_INSTANCES, setLiveInstanceLimit } from './canister/liveInstances.ts';
export type { ObservedQuery, QueryResult } from './subnet/executeQuery.ts';
export type { PeriodicTask } from './subnet/periodicWork.ts';
export type { InstallMode, InstallResult } from './management/installCode.ts';
export { bytesToHex, hexToBytes } from './hex.ts';
export { sameBytes } from './sameBytes.ts';
export { createSubnetConfig, isParamName, IC_PARAMS, MAX_CANDID_NESTING, MAX_CANDID_VALUES, type EngineParams, type ParamName, type Preset, type SubnetConfig } from './params.ts';
export { RejectCode, ErrorCode, errorCodeText, type Reject } from './errors.ts';
export type { TraceEvent, TraceEventKind, CanisterStatus, ResponseSummary, ChargeKind } from './trace/traceEvent.ts';
export type { CanisterState, CanisterSettings, CanisterLogRecord } from './canister/canisterState.ts';
export { memoryUsage } from './canister/canisterState.ts';
export { canisterGlobals, type CanisterGlobal, type NumericGlobalType } from './canister/canisterGlobals.ts';
export { moduleHash } from './management/moduleHash.ts';
export { canisterFreezingLimit, canisterIdleBurnPerDay, isFrozen } from './subnet/canisterOps.ts';
export { checkSeededWat, compileWat, initWat, watCompilerNeeded, type CompileWatResult, type SourceDiagnostic } from './wat/compileWat.ts';
export { seedCompiledWat, type CompiledWat } from './wat/seededWat.ts';
export { prepareCanisterModule, type PreparedModule, type CanisterModuleInfo } from './wasm/prepareCanisterModule.ts';
export { withoutCustomSection } from './wasm/withoutCustomSection.ts';
export { readCandidMetadata, type CandidMetadata } from './wasm/readCandidMetadata.ts';
export { canisterIdFromIndex } from './ids/canisterIdFromIndex.ts';
export { userPrincipal } from './ids/userPrincipal.ts';
export { MANAGEMENT_CANISTER_ID } from './ids/managementCanisterId.ts';
export { parsePrincipalText } from './ids/parsePrincipalText.ts';
export * as ManagementCandid from './management/managementCandid.ts';
export { candidBeyondBounds } from './management/candidValueBounds.ts';
export * as LogsCandid from './management/logsCandid.ts';
export * as SnapshotCandid from './management/snapshotCandid.ts';
export type { CanisterSnapshot } from './canister/canisterSnapshot.ts';
export * as ChunkCandid from './management/chunkCandid.ts';
export { WASM_CHUNK_BYTES, MAX_SUBNET_NODES } from './params.ts';
export { checkParams, rangeProblem, PARAM_RANGES, CYCLES_MAX, TIME_MAX_NS, type ParamRange } from './paramRanges.ts';
export { isLiveParamName, LIVE_PARAM_NAMES, type LiveParamName, type LiveParams } from './subnet/liveParams.ts';
export { cyclesLedger, cyclesImbalance, type CyclesLedger } from './subnet/cyclesLedger.ts';
export { IC0_SIGNATURES, IC0_WASM32_ONLY, resolveIc0Type, type Ic0Signature, type Ic0Type } from './systemApi/ic0Signatures.ts';
export { API_CONTEXTS, contextsAllowedBy, type ApiContext } from './systemApi/apiContext.ts';
