/** Whether a key pressed on `target` is text being typed (a field, the code editor): shortcuts leave it alone. */
export function isTextEntry(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return element !== null && typeof element.closest === 'function'
    && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) || element.closest('.monaco-editor') !== null);
}
