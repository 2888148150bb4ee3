import { describe, expect, it } from 'vitest';
import { engineCrashMessage, type EngineCrash } from './engineCrashMessage.ts';

const base: EngineCrash = { reason: 'the engine worker was terminated', playing: false, interrupted: [], steps: 3, round: 7, roundBefore: 7 };

describe('[ui/app/engineCrashMessage]', () => {
  const cases: { name: string; crash: Partial<EngineCrash>; says: string[]; not?: string[] }[] = [
    { name: 'idle: why, and the work kept where it was', crash: {}, says: ['The engine stopped (the engine worker was terminated).', 'all 3 steps of your workspace are kept', 'the playhead is back at round 7'], not: ['paused'] },
    { name: 'during playback: paused', crash: { playing: true, interrupted: ['step'] }, says: ['stopped during playback', 'Playback was paused.'] },
    { name: 'mid-seek: names the command', crash: { interrupted: ['seek'] }, says: ['while moving the playhead'] },
    { name: 'mid-step', crash: { interrupted: ['ping', 'step'] }, says: ['while playing a round'] },
    { name: 'playhead reset, with why', crash: { round: 0, roundBefore: 12 }, says: ['reset to round 0, because replaying up to round 12 failed'] },
    { name: 'replay failed', crash: { round: null, replayError: 'boom' }, says: ['could not be replayed (boom)', 'all 3 steps of your workspace are kept and saved', 'Reload'] },
    { name: 'one step', crash: { steps: 1 }, says: ['all 1 step of'] },
    { name: 'no workspace yet', crash: { steps: null, round: null }, says: ['A new engine was started.'], not: ['workspace'] },
    { name: 'stopped by the user mid-action: not a crash', crash: { stopped: true, reason: 'you stopped it', interrupted: ['apply'] }, says: ['You stopped the engine while running your action; that was not applied.', 'all 3 steps of your workspace are kept', 'back at round 7'], not: ['The engine stopped'] },
    { name: 'stopped by the user during playback', crash: { stopped: true, reason: 'you stopped it', playing: true, interrupted: ['step'] }, says: ['You stopped the engine during playback; the round it was computing was not applied.', 'Playback was paused.'] },
  ];
  it.each(cases)('$name', ({ crash, says, not = [] }) => {
    const text = engineCrashMessage({ ...base, ...crash });
    for (const part of says) expect(text).toContain(part);
    for (const part of not) expect(text).not.toContain(part);
  });
});
