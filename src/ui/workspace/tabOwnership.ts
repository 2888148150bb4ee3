/**
 * One workspace per tab (issue "a workspace that is never lost": two tabs never silently overwrite each other's
 * work). A tab holds a Web Lock named after the workspace it has open; a second tab that finds the lock taken
 * opens a copy instead. The tab remembers its workspace in sessionStorage, so a reload reopens the same one.
 */
const TAB_KEY = 'canister-playground/tab-workspace';
const lockName = (id: string) => `canister-playground/workspace/${id}`;

export interface WorkspaceClaim {
  readonly id: string;
  release(): void;
}

/**
 * Claims `id` for this tab, or answers null when another tab has it open. A reload's previous page may still hold
 * the lock for a moment, so a taken lock is tried again a few times before the answer is no.
 */
export async function claimWorkspace(id: string, tries = 4): Promise<WorkspaceClaim | null> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return { id, release: () => undefined };
  for (let attempt = 0; attempt < tries; attempt++) {
    const claim = await new Promise<WorkspaceClaim | null>((answer) => {
      void locks.request(lockName(id), { ifAvailable: true }, (lock) => {
        if (!lock) {
          answer(null);
          return undefined;
        }
        // Held until released: the promise the callback returns settles then.
        return new Promise<void>((release) => answer({ id, release: () => release() }));
      });
    });
    if (claim) return claim;
    await new Promise((wait) => setTimeout(wait, 150));
  }
  return null;
}

/** The workspace this tab had open before a reload, if any. */
export function tabWorkspaceId(): string | null {
  try {
    return sessionStorage.getItem(TAB_KEY);
  } catch {
    return null;
  }
}

export function rememberTabWorkspace(id: string): void {
  try {
    sessionStorage.setItem(TAB_KEY, id);
  } catch {
    // Without sessionStorage a reload opens the most recent workspace instead: still nothing is lost.
  }
}

export function newWorkspaceId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `w${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}
