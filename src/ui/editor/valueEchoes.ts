/**
 * Keeps a controlled `value` prop and an editor's own text from fighting. The editor reports each edit through
 * onChange at once, but the parent's re-render with that text comes later, maybe after more edits: a render
 * can carry a text the editor has already moved past. Writing that back would undo the user's latest typing and
 * throw the caret to the end (seen in Chromium with fast typing and auto-closed brackets). So the texts reported
 * but not yet rendered back are remembered, and a rendered value is written into the editor only if it is
 * none of them: then it is a change from outside (a template, a reset, a loaded file).
 *
 * One limit: an outside change to exactly a text the user produced moments earlier and that is still
 * unconfirmed is taken for a late echo. The next outside change applies normally.
 */
const MAX_UNCONFIRMED = 64;

export class ValueEchoes {
  private readonly unconfirmed: string[] = [];

  /** The editor reported `text` through onChange. */
  reported(text: string): void {
    this.unconfirmed.push(text);
    if (this.unconfirmed.length > MAX_UNCONFIRMED) this.unconfirmed.shift();
  }

  /** Whether the rendered `value` must be written into the editor, whose text is now `current`. */
  mustApply(value: string, current: string): boolean {
    if (value === current) {
      // Every report so far led to `current`: all confirmed (or superseded).
      this.unconfirmed.length = 0;
      return false;
    }
    const index = this.unconfirmed.indexOf(value);
    if (index >= 0) {
      // An older text of ours: the parent is catching up, and a newer report is on its way to it.
      this.unconfirmed.splice(0, index + 1);
      return false;
    }
    this.unconfirmed.length = 0;
    return true;
  }
}
