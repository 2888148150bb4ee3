/**
 * Moves the keyboard focus to the next (or previous) focusable element outside `container`, in document order:
 * the way out of an editor that keeps Tab for indenting.
 */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

export function focusOutside(container: HTMLElement, backwards: boolean): boolean {
  const all = [...container.ownerDocument.querySelectorAll<HTMLElement>(FOCUSABLE)]
    .filter((el) => !container.contains(el) && el.getClientRects().length > 0);
  const after = (el: HTMLElement) => (container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const target = backwards ? all.filter((el) => !after(el)).at(-1) : all.find(after);
  target?.focus();
  return target !== undefined;
}
