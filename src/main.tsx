import './ui/app/app.css';
import { StrictRoot } from './ui/app/StrictRoot.tsx';
import { readLinkAtStart, readStorageAtStart } from './ui/workspace/workspaceStorage.ts';
import { LESSON_CATALOG, loadLesson } from './lessons/lessonCatalog.ts';

// What the boot waits for is started before the first render, while the engine worker starts: a share link is read
// (its reader fetched and evaluated, the scenario decoded and parsed), the saved workspaces' databases are opened,
// and without a link the first lesson's chunk (2 KB), which a first visit opens, is fetched. Started after the first
// render, the first graph waited for them (issue 16, target 7).
const link = readLinkAtStart(window.location);
readStorageAtStart();
if (!link) void loadLesson(LESSON_CATALOG[0].id).catch(() => undefined);
const mount = () => StrictRoot(document.getElementById('root')!);
if (link) void link.then(mount, mount);
else mount();
