import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_LIMITS } from '../scenario/runLimits.ts';
import { parseRunArgs } from './parseRunArgs.ts';

describe('[cli/parseRunArgs] the arguments of run', () => {
  it.each([
    [['s.json'], { target: 's.json', limits: DEFAULT_RUN_LIMITS, output: 'report', solution: false, quiet: false }],
    [['-'], { target: '-', limits: DEFAULT_RUN_LIMITS, output: 'report', solution: false, quiet: false }],
    [['--max-instructions', '1000', 's.json'], { target: 's.json', limits: { ...DEFAULT_RUN_LIMITS, maxInstructionsPerRun: 1000n }, output: 'report', solution: false, quiet: false }],
    [['s.json', '--max-instructions=2000000000000'], { target: 's.json', limits: { ...DEFAULT_RUN_LIMITS, maxInstructionsPerRun: 2_000_000_000_000n }, output: 'report', solution: false, quiet: false }],
    [['--max-system-api-calls', '7', '-'], { target: '-', limits: { ...DEFAULT_RUN_LIMITS, maxSystemApiCallsPerRun: 7 }, output: 'report', solution: false, quiet: false }],
    [['--check', 's.json'], { target: 's.json', limits: DEFAULT_RUN_LIMITS, output: 'check', solution: false, quiet: false }],
    [['-', '--check', '--max-system-api-calls=9'], { target: '-', limits: { ...DEFAULT_RUN_LIMITS, maxSystemApiCallsPerRun: 9 }, output: 'check', solution: false, quiet: false }],
    [['--solution', '--check', 'e.json'], { target: 'e.json', limits: DEFAULT_RUN_LIMITS, output: 'check', solution: true, quiet: false }],
    [['--summary', '--quiet', 's.json'], { target: 's.json', limits: DEFAULT_RUN_LIMITS, output: 'summary', solution: false, quiet: true }],
    [['s.json', '--quiet'], { target: 's.json', limits: DEFAULT_RUN_LIMITS, output: 'report', solution: false, quiet: true }],
  ])('%j', (args, expected) => {
    expect(parseRunArgs(args)).toEqual({ ok: true, args: expected });
  });

  it.each([
    [[], 'no scenario given'],
    [['a.json', 'b.json'], 'one scenario at a time: "a.json" and "b.json"'],
    [['--fast', 's.json'], 'unknown option "--fast"'],
    [['--check=yes', 's.json'], '--check takes no value'],
    [['--check', '--summary', 's.json'], '--check and --summary choose different outputs: one of them'],
    [['--quiet=1', 's.json'], '--quiet takes no value'],
    [['s.json', '--max-instructions'], '--max-instructions needs a value'],
    [['--max-instructions', '0', 's.json'], '--max-instructions: "0" is not a whole number from 1 to 1,000,000,000,000,000,000'],
    [['--max-instructions=1e9', 's.json'], '--max-instructions: "1e9" is not a whole number from 1 to 1,000,000,000,000,000,000'],
    [['--max-system-api-calls', '9007199254740992', 's.json'], '--max-system-api-calls: "9007199254740992" is not a whole number from 1 to 9,007,199,254,740,991'],
  ])('%j is refused: %s', (args, error) => {
    expect(parseRunArgs(args)).toEqual({ ok: false, error });
  });
});
