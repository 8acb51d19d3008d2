import { decodeEntities } from "../decodeEntities.js";
import type { FeatureConfig } from "../featureConfig.js";
import { Featurizer } from "../featurizer.js";
import type { Example } from "./trainHead.js";

/** Features of each text under `config`, copied so they outlive the featurizer's buffer. */
export function featurize(texts: readonly string[], labels: readonly number[], config: FeatureConfig): Example[] {
  const featurizer = new Featurizer(config);
  return texts.map((text, i) => {
    const v = featurizer.extract(decodeEntities(text));
    return { indices: v.indices.slice(0, v.count), value: v.value, label: labels[i] ?? 0 };
  });
}
