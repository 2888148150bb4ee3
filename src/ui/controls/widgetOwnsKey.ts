/**
 * Whether the focused element acts on this key itself, so the page-wide playback shortcut must not act on it too:
 * Space presses a button, selects a graph node or a timeline item; the arrow keys move between tabs, timeline items
 * (a roving focus) and along the round slider. Keys a widget does not use stay the page's shortcuts.
 */
const OWNERS: Readonly<Record<string, string>> = {
  ' ': 'button, a, summary, [role=button], [role=tab], [role=slider], [data-roving], .react-flow__node, .react-flow__edge',
  ArrowRight: '[role=tab], [role=slider], [data-roving], .react-flow__node, .react-flow__edge',
  ArrowLeft: '[role=tab], [role=slider], [data-roving], .react-flow__node, .react-flow__edge',
};

export function widgetOwnsKey(target: EventTarget | null, key: string): boolean {
  const element = target as HTMLElement | null;
  const owners = OWNERS[key];
  return owners !== undefined && element !== null && typeof element.closest === 'function' && element.closest(owners) !== null;
}
