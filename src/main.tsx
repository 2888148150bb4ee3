import './ui/app/app.css';
import { StrictRoot } from './ui/app/StrictRoot.tsx';

import { readLinkAtStart } from './ui/workspace/workspaceStorage.ts';

// A share link is read (its reader fetched and evaluated, the scenario decoded and parsed) before the first render,
// while the engine worker starts: read after it, the link's first graph waited for both (issue 16, target 7).
const link = readLinkAtStart(window.location);
const mount = () => StrictRoot(document.getElementById('root')!);
if (link) void link.then(mount, mount);
else mount();
