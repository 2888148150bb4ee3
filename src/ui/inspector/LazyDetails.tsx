/**
 * A `<details>` whose content is mounted only while it is open: the memory hex views fetch from the worker every
 * round, which is wasted work (and a long task's worth of rendering) when nobody looks at them.
 */
import { useState, type ReactNode } from 'react';

export function LazyDetails({ summary, children }: { summary: ReactNode; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}
