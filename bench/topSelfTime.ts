/**
 * Reads a `.cpuprofile` (from `node --cpu-prof`) and prints the functions with the most self time, then the most
 * total time (self and callees), so a bench's slow parts can be named:
 * `npx tsx bench/topSelfTime.ts <file.cpuprofile> [count]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function functionKey(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}`;
}

/** Milliseconds sampled in each profile node itself. */
function nodeTimes(profile: CpuProfile): Map<number, number> {
  const byNode = new Map<number, number>();
  profile.samples.forEach((node, i) => byNode.set(node, (byNode.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  return byNode;
}

/** Self time in milliseconds per function (name and file), largest first. */
export function selfTimes(profile: CpuProfile): [string, number][] {
  const byNode = nodeTimes(profile);
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) byFunction.set(functionKey(node), (byFunction.get(functionKey(node)) ?? 0) + (byNode.get(node.id) ?? 0));
  return [...byFunction].sort((a, b) => b[1] - a[1]);
}

/** Total time per function: samples with the function anywhere on the stack, counted once per sample. */
export function totalTimes(profile: CpuProfile): [string, number][] {
  const byNode = nodeTimes(profile);
  const parent = new Map<number, ProfileNode>();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const byFunction = new Map<string, number>();
  for (const [id, ms] of byNode) {
    const seen = new Set<string>();
    for (let node = nodes.get(id); node; node = parent.get(node.id)) seen.add(functionKey(node));
    for (const key of seen) byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  return [...byFunction].sort((a, b) => b[1] - a[1]);
}

const [file, count = '30'] = process.argv.slice(2);
if (file) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const self = selfTimes(profile);
  const total = self.reduce((sum, [, ms]) => sum + ms, 0);
  const print = (title: string, times: [string, number][]) => {
    console.log(title);
    for (const [name, ms] of times.slice(0, Number(count))) {
      console.log(`${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${name}`);
    }
  };
  print('self time', self);
  print('total time', totalTimes(profile));
}
