import { parentPort } from "node:worker_threads";
import { shippedClassifier } from "./loadModel.js";

/**
 * The classifier thread (see classifyMany.ts): classifies each list of texts it is sent with the shipped
 * model and answers with the classifications in the same order.
 */
export interface ClassifyRequest {
  id: number;
  texts: string[];
}

const port = parentPort;
if (port) {
  const classifier = shippedClassifier();
  port.on("message", ({ id, texts }: ClassifyRequest) => {
    try {
      port.postMessage({ id, results: texts.map((t) => classifier.classify(t)) });
    } catch (error) {
      port.postMessage({ id, error: String((error as Error)?.message ?? error) });
    }
  });
  port.postMessage({ ready: true });
}
