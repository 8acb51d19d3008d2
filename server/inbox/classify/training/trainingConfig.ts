import type { FeatureConfig } from "../featureConfig.js";
import type { HeadHyperParameters } from "./trainHead.js";

export interface TrainingConfig {
  features: FeatureConfig;
  sentiment: HeadHyperParameters;
  reason: HeadHyperParameters;
}
