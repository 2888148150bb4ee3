/**
 * Every keyboard shortcut, in a dialog: `?` opens it (outside text fields), Escape or Close leaves it.
 */
import { useEffect, useRef, useState } from 'react';
import { isTextEntry } from './isTextEntry.ts';

export const SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['→', 'Step: the next round (recorded behind the end of the script, new at its end)'],
  ['←', 'One round back'],
  ['space', 'Run / pause'],
  ['i', 'To the end of the script (at its end: until idle)'],
  ['r', 'Reset: back to round 0, the script kept'],
  [', and .', 'One event back or forward inside the round'],
  ['[ and ]', 'To the end of the iteration before or after, inside the round (a round runs iterations)'],
  ['Esc, then Tab', 'Leave the code editor (Tab alone indents)'],
  ['?', 'This list'],
];

export function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || isTextEntry(event.target)) return;
      setOpen(true);
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) dialog.current?.showModal?.();
  }, [open]);
  return (
    <>
      <button onClick={() => setOpen(true)} aria-haspopup="dialog" title="Keyboard shortcuts (?)">?</button>
      {open && (
        <dialog ref={dialog} className="recent" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)} onCancel={() => setOpen(false)}>
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <dl className="facts" data-testid="shortcuts">
            {SHORTCUTS.map(([keys, what]) => <div key={keys}><dt><kbd>{keys}</kbd></dt><dd>{what}</dd></div>)}
          </dl>
          <p>On a focused button, tab, canister or timeline item, space and the arrows act on it: press, move, select.</p>
          <div className="button-row"><button onClick={() => setOpen(false)} autoFocus>Close</button></div>
        </dialog>
      )}
    </>
  );
}
