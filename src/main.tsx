import './ui/app/app.css';
import { StrictRoot } from './ui/app/StrictRoot.tsx';

StrictRoot(document.getElementById('root')!);
