/**
 * The exported project's README (issue 15): what is in it, and how to build, deploy (locally and to mainnet) and
 * test it with icp-cli and PocketIC — the commands as icp-cli's guides give them (local development, deploying to
 * mainnet) and @dfinity/pic's README.
 */
import type { ExportedCanister } from './icpProject.ts';
import type { ReplayPlan } from './replayPlan.ts';

export function projectReadme(plan: ReplayPlan, canisters: readonly ExportedCanister[]): string {
  const title = plan.scenario.title ?? 'A scenario';
  const first = canisters[0]?.name ?? '<canister>';
  const list = canisters.map((canister) => `- \`${canister.name}\`: ${source(canister)}`).join('\n');
  return `# ${title}

Exported from Canister Playground: the scenario's canisters as an [icp-cli](https://cli.internetcomputer.org/)
project, and the scenario itself as a PocketIC test.

${list || '- (the scenario has no canisters)'}

- \`icp.yaml\` — the project: one canister per canister of the scenario, with the init arguments and settings the
  scenario gave them (the comments say who controlled them in the playground).
- \`wasm/\` — the modules the playground ran; \`icp build\` builds the same bytes from the sources.
- \`tests/scenario.test.ts\` — the scenario replayed on PocketIC: the same messages in the same order, each step's
  reply, reject code and each canister's final status compared with what the playground recorded.
- \`scenario.json\` — the scenario, to open again in the playground or run with \`npx canister-playground run\`.

## Build

\`\`\`sh
npm install          # wabt's wat2wasm and moc.js, which icp.yaml's build steps run; the test's libraries
icp build            # builds every canister into .icp/cache/artifacts/ (offline)
\`\`\`

\`npm install\` also runs @dfinity/pic's install script, which downloads the PocketIC server from GitHub for the
test; to build and deploy without it, \`npm install --ignore-scripts\`.

## Deploy

Locally, on a network icp-cli starts (it downloads its network launcher the first time):

\`\`\`sh
icp network start -d
icp deploy
icp canister call ${first} <method> '(<Candid arguments>)'
icp network stop
\`\`\`

To the Internet Computer (mainnet), with an identity that holds cycles (\`icp cycles mint --icp 5 -n ic\` turns ICP
into cycles):

\`\`\`sh
icp deploy -e ic
\`\`\`

The canister ids icp-cli gets on mainnet are kept in \`.icp/data/mappings/ic.ids.json\`: keep that file.
The ids differ from the playground's, so code that names another canister by the id the playground minted (WAT with
an id in its data) must be given the new id before it is deployed there.

## Test against the replica

\`\`\`sh
npm install     # with @dfinity/pic's install script, which downloads the PocketIC server
npm test        # icp build, then vitest
\`\`\`

The test creates the canisters with the playground's ids. PocketIC hosts those ids on its NNS subnet, a system
subnet, where canisters pay no cycles: a step whose outcome in the playground came from cycles (a canister frozen,
out of cycles) comes out differently there, and replies carrying a time, a balance or an instruction count are the
replica's own. Any other difference is one between the playground and the replica.
`;
}

function source(canister: ExportedCanister): string {
  if (canister.language === 'wat') return `\`src/${canister.name}.wat\`, built by wabt's \`wat2wasm\``;
  if (canister.language === 'motoko') return `\`src/${canister.name}/\`, Motoko, built by moc.js (\`scripts/build-motoko.mjs\`)`;
  return `\`wasm/${canister.name}.wasm\`, a module given as such`;
}
