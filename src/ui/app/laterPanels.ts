/** The panels fetched after the first graph, in one chunk (`lazyAfterFirstGraph`). */
export { CallPanel } from '../calls/CallPanel.tsx';
export { CallConsole } from '../calls/CallConsole.tsx';
export { ManagePanel } from '../workspace/ManagePanel.tsx';
export { CanisterEditor } from '../workspace/CanisterEditor.tsx';
export { DeployPanel } from '../workspace/DeployPanel.tsx';
export { FileList } from '../workspace/FileList.tsx';
export { ModuleSummary } from '../workspace/ModuleSummary.tsx';
export { EventList } from '../events/EventList.tsx';
export { Inspector } from '../inspector/Inspector.tsx';
export { ChecksPanel } from '../checks/ChecksPanel.tsx';
export { ExercisePanel } from '../checks/ExercisePanel.tsx';
export { WhatIfPanel } from '../whatIf/WhatIfPanel.tsx';
