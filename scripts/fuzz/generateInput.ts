/** Input `index` of campaign `seed`: the categories take turns, each input from its own seeded generator. */
import { loadCorpus } from './corpus.ts';
import { linkInput } from './linkInputs.ts';
import { inputPrng } from './prng.ts';
import { scenarioInput } from './scenarioInputs.ts';
import { wasmInput } from './wasmInputs.ts';
import { watInput } from './watInputs.ts';

export const CATEGORIES = ['scenario', 'wat', 'wasm', 'link'] as const;
export type Category = (typeof CATEGORIES)[number];

/** What the runner is given: a scenario document on standard input, or a share link's fragment. */
export type FuzzPayload = { stdin: string } | { link: string };

export interface FuzzInput {
  seed: number;
  index: number;
  category: Category;
  /** How it was made, for the record. */
  note: string;
  payload: FuzzPayload;
}

export async function generateInput(seed: number, index: number, categories: readonly Category[] = CATEGORIES): Promise<FuzzInput> {
  const corpus = await loadCorpus();
  const category = categories[index % categories.length];
  const prng = inputPrng(seed, index);
  if (category === 'link') {
    const { fragment, note } = linkInput(prng, corpus);
    return { seed, index, category, note, payload: { link: fragment } };
  }
  const { text, note } = category === 'scenario' ? scenarioInput(prng, corpus) : category === 'wat' ? watInput(prng, corpus) : wasmInput(prng, corpus);
  return { seed, index, category, note, payload: { stdin: text } };
}
