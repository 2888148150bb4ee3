/**
 * What the banner says after the engine worker died and was replaced (`useEngine.ts`): what happened, what the
 * worker was doing, and what became of the user's work — the workspace is replayed from the main thread's copy, so
 * every step is kept; the playhead is put back where it was, or at round 0 when that failed, with why.
 */
export interface EngineCrash {
  /** Why the worker is judged dead (`client.ts`). */
  readonly reason: string;
  /** Playback was running: it has been paused. */
  readonly playing: boolean;
  /** The commands that were running when it died (they were not applied). */
  readonly interrupted: readonly string[];
  /** Steps of the workspace replayed, or null when there was none. */
  readonly steps: number | null;
  /** The round the playhead was put back at, or null when the workspace could not be replayed. */
  readonly round: number | null;
  /** The round the playhead was at before the death. */
  readonly roundBefore: number;
  /** Why the replay failed, when it did. */
  readonly replayError?: string | null;
  /** The user stopped it (`EngineClient.stop`): not a crash. */
  readonly stopped?: boolean;
}

const DOING: Readonly<Record<string, string>> = {
  load: 'opening the workspace',
  apply: 'running your action',
  step: 'playing a round',
  runUntilIdle: 'playing to the end',
  runUntilCheckFails: 'playing until a check fails',
  checkExercise: 'checking your code',
  seek: 'moving the playhead',
  undoFork: 'undoing the fork',
};

export function engineCrashMessage(crash: EngineCrash): string {
  const task = crash.interrupted.map((name) => DOING[name]).find((d) => d !== undefined);
  const doing = crash.playing ? ' during playback' : task ? ` while ${task}` : '';
  const head = crash.stopped
    ? `You stopped the engine${doing}; ${task && !crash.playing ? 'that was not applied' : 'the round it was computing was not applied'}.`
    : `The engine stopped${doing} (${crash.reason}).`;
  const paused = crash.playing ? ' Playback was paused.' : '';
  if (crash.steps === null) return `${head} A new engine was started.${paused}`;
  const kept = `all ${crash.steps} step${crash.steps === 1 ? '' : 's'} of your workspace are kept`;
  if (crash.round === null) {
    return `${head} A new engine was started, but your workspace could not be replayed${crash.replayError ? ` (${crash.replayError})` : ''}; ${kept} and saved. Reload the page to try again.${paused}`;
  }
  const where = crash.round === crash.roundBefore
    ? `the playhead is back at round ${crash.round}`
    : `the playhead was reset to round ${crash.round}, because replaying up to round ${crash.roundBefore} failed`;
  return `${head} A new engine was started and your workspace replayed: ${kept} and ${where}.${paused}`;
}
