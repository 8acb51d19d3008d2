import { gunzipSync, gzipSync, strFromU8, strToU8 } from "fflate";
import { z } from "zod";
import { type FeatureConfig, featureConfigSchema } from "./featureConfig.js";
import { REASON_LABELS, SENTIMENTS } from "./labels.js";
import type { LinearHead } from "./linearHead.js";

/**
 * A trained triage model: how text becomes features, a sentiment head (3 classes), a complaint-reason
 * head (the 10 dataset reasons) and the ids of the rows it was trained on, so an evaluation can skip them.
 */
export interface TriageModel {
  readonly features: FeatureConfig;
  readonly sentiment: LinearHead;
  readonly reason: LinearHead;
  readonly trainedIds: ReadonlySet<string>;
  /** How it was trained (data, split, hyper-parameters): for people, not read by the code. */
  readonly training: Record<string, unknown>;
}

// On disk: gzip'd JSON. Only buckets with a non-zero weight are stored (a trained model touches a
// small share of the hash space), weights quantised to 16 bits per head: a fraction of the dense size.
const storedHeadSchema = z.object({
  labels: z.array(z.string()),
  bits: z.number().int().min(1).max(24),
  bias: z.array(z.number()),
  /** Weight = stored int16 × scale. */
  scale: z.number().positive(),
  /** Base64 of the stored buckets, each as the LEB128 varint gap from the previous one. */
  buckets: z.string(),
  /** Base64 of int16 little-endian weights, `labels.length` per stored bucket, in bucket order. */
  weights: z.string(),
});

const modelFileSchema = z.object({
  format: z.literal("switchboard-triage"),
  version: z.literal(1),
  features: featureConfigSchema,
  sentiment: storedHeadSchema,
  reason: storedHeadSchema,
  training: z.record(z.string(), z.unknown()),
  trainedIds: z.array(z.string()),
});

type StoredHead = z.infer<typeof storedHeadSchema>;

export class ModelFileError extends Error {
  override readonly name = "ModelFileError";
}

function storeHead(head: LinearHead, labels: readonly string[]): StoredHead {
  const { classes, weights } = head;
  let maxAbs = 0;
  for (const w of weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const gaps: number[] = [];
  const values: number[] = [];
  let previous = 0;
  for (let bucket = 0; bucket * classes < weights.length; bucket++) {
    const row = Array.from(weights.subarray(bucket * classes, (bucket + 1) * classes), (w) => Math.round(w / scale));
    if (row.every((q) => q === 0)) continue;
    let gap = bucket - previous;
    previous = bucket;
    while (gap >= 0x80) {
      gaps.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    gaps.push(gap);
    values.push(...row);
  }
  return {
    labels: [...labels],
    bits: head.bits,
    bias: Array.from(head.bias),
    scale,
    buckets: Buffer.from(Uint8Array.from(gaps)).toString("base64"),
    weights: Buffer.from(Int16Array.from(values).buffer).toString("base64"),
  };
}

function loadHead(stored: StoredHead, expected: readonly string[], maxBits: number, what: string): LinearHead {
  const { bits } = stored;
  if (bits > maxBits) throw new ModelFileError(`${what} head has ${bits} bits, more than the features' ${maxBits}`);
  if (stored.labels.join("\n") !== expected.join("\n"))
    throw new ModelFileError(`${what} head has labels ${stored.labels.join(", ")}; expected ${expected.join(", ")}`);
  const classes = expected.length;
  if (stored.bias.length !== classes) throw new ModelFileError(`${what} head has ${stored.bias.length} biases for ${classes} classes`);
  const gaps = Buffer.from(stored.buckets, "base64");
  const packed = Buffer.from(stored.weights, "base64");
  const weights = new Float32Array(classes * 2 ** bits);
  let bucket = 0;
  let stored16 = 0;
  for (let at = 0; at < gaps.length; ) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = gaps[at++] ?? 0;
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80 && at < gaps.length);
    bucket += gap;
    if (bucket >= 2 ** bits || (stored16 + classes) * 2 > packed.length)
      throw new ModelFileError(`${what} head: weights do not match the feature space`);
    for (let k = 0; k < classes; k++) weights[bucket * classes + k] = packed.readInt16LE((stored16 + k) * 2) * stored.scale;
    stored16 += classes;
  }
  if (stored16 * 2 !== packed.length) throw new ModelFileError(`${what} head: ${packed.length / 2} weights stored for ${stored16} read`);
  return { classes, bits, weights, bias: Float32Array.from(stored.bias) };
}

/** The model file's bytes (deterministic: the same model gives the same bytes). */
export function serializeModel(model: TriageModel): Uint8Array {
  const file: z.infer<typeof modelFileSchema> = {
    format: "switchboard-triage",
    version: 1,
    features: model.features,
    sentiment: storeHead(model.sentiment, SENTIMENTS),
    reason: storeHead(model.reason, REASON_LABELS),
    training: model.training,
    trainedIds: [...model.trainedIds].sort(),
  };
  return gzipSync(strToU8(JSON.stringify(file)), { level: 9, mtime: 0 });
}

export function parseModel(bytes: Uint8Array): TriageModel {
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(gunzipSync(bytes)));
  } catch (error) {
    throw new ModelFileError(`not a gzip'd JSON model file (${(error as Error).message})`);
  }
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success)
    throw new ModelFileError(`not a triage model file: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const file = parsed.data;
  return {
    features: file.features,
    sentiment: loadHead(file.sentiment, SENTIMENTS, file.features.bits, "sentiment"),
    reason: loadHead(file.reason, REASON_LABELS, file.features.bits, "reason"),
    trainedIds: new Set(file.trainedIds),
    training: file.training,
  };
}
