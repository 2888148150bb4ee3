import './ui/app/app.css';
import { StrictRoot } from './ui/app/StrictRoot.tsx';

// A share link's reader (the link's decoder and the scenario parser) is fetched while the page renders for the first
// time, not once the workspace session starts after it: the link's first graph waits for it (issue 16, target 7).
if (window.location.hash.startsWith('#s=')) void import('./scenario/shareLink.ts').catch(() => undefined);

StrictRoot(document.getElementById('root')!);
