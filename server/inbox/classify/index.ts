import type { Classification, ClassifyOptions } from "./classifier.js";
import { shippedClassifier } from "./loadModel.js";

export { type Classification, type ClassifyOptions, type ReasonPrediction, TriageClassifier } from "./classifier.js";
export { decodeEntities } from "./decodeEntities.js";
export { deriveIntent, type IntentInput } from "./intent.js";
export { INTENTS, type Intent, REASONS, SENTIMENTS, type Sentiment, type Topic } from "./labels.js";
export { loadModel, SHIPPED_MODEL_PATH, shippedClassifier } from "./loadModel.js";
export { ModelFileError, type TriageModel } from "./modelFile.js";

/** Classifies one inbound message with the shipped model (loaded once, on first call). */
export function classify(text: string, options?: ClassifyOptions): Classification {
  return shippedClassifier().classify(text, options);
}
