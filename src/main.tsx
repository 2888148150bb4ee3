import './ui/app/app.css';
import { StrictRoot } from './ui/app/StrictRoot.tsx';
import { readLinkAtStart, readStorageAtStart } from './ui/workspace/workspaceStorage.ts';

// What the boot waits for is started before the first render, while the engine worker starts: a share link is read
// (its reader fetched and evaluated, the scenario decoded and parsed) and the saved workspaces' databases are opened.
// Started after it, the first graph waited for both (issue 16, target 7).
const link = readLinkAtStart(window.location);
readStorageAtStart();
const mount = () => StrictRoot(document.getElementById('root')!);
if (link) void link.then(mount, mount);
else mount();
