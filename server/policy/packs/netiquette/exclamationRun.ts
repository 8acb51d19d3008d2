import type { NetiquetteRule } from "./rule.js";

const MARKS = /[!?¡]{2,}/gu;

/** "!!", "!!!", "?!?": one mark says it. A single "?!" is left alone. */
export const exclamationRun: NetiquetteRule = {
  id: "exclamation-run",
  anchor: "exclamation-marks",
  level: "suggestion",
  description: "Runs of exclamation marks",
  find: ({ post }) =>
    [...post.text.matchAll(MARKS)]
      .filter((m) => m[0].split("!").length - 1 >= 2 || m[0].length >= 3)
      .map((m) => ({
        start: m.index,
        end: m.index + m[0].length,
        actual: m[0],
        expected: [m[0].includes("?") ? "?" : "!"],
        reason: `“${m[0]}”: one mark says it; a run of them reads as shouting or spam.`,
      })),
};
