import { describe, expect, it } from "vitest";
import { accuracy, macroF1 } from "./metrics.js";

describe("metrics", () => {
  it("accuracy is the share of agreements", () => {
    expect(accuracy([0, 1, 2, 0], [0, 1, 1, 1])).toBe(0.5);
    expect(accuracy([], [])).toBe(0);
  });

  it("macro-F1 averages each class's F1, as scikit-learn does", () => {
    // Class 0: tp 1, fp 1, fn 1 → F1 0.5; class 1: tp 1, fp 1, fn 0 → 2/3; class 2: tp 0, fn 1 → 0.
    expect(macroF1([0, 0, 1, 2], [0, 1, 1, 0], 3)).toBeCloseTo((0.5 + 2 / 3 + 0) / 3, 10);
    // Always predicting the majority class: only it scores, the others count as 0.
    expect(macroF1([0, 0, 0, 1, 2], [0, 0, 0, 0, 0], 3)).toBeCloseTo((2 * 3) / (2 * 3 + 2) / 3, 10);
  });

  it("leaves out a class that is neither in the truth nor predicted", () => {
    expect(macroF1([0, 1], [0, 1], 3)).toBe(1);
  });
});
