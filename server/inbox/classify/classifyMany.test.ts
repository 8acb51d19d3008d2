import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { classifyMany, classifyOnThread, stopClassifierThread, WORKER_MIN_TEXTS } from "./classifyMany.js";
import { classify } from "./index.js";

// The held-out sample (see fixtures/README.md), plus texts that exercise the intent rules and entities.
const texts = [
  ...(
    parse(readFileSync(path.join(import.meta.dirname, "fixtures", "airline-held-out-sample.csv"), "utf8"), { columns: true }) as {
      text: string;
    }[]
  ).map((r) => r.text),
  "@acme giveaway! click here to win a free flight http://spam.example #a #b #c #d #e",
  "@acme how much is a ticket to Denver?",
  "@acme thanks &amp; great crew",
  "",
];

describe("classifying on the classifier thread", () => {
  afterAll(() => stopClassifierThread());

  it("gives exactly the labels and confidences of classifying in-thread", async () => {
    expect(texts.length).toBeGreaterThan(WORKER_MIN_TEXTS);
    const onThread = await classifyOnThread(texts);
    expect(onThread).toEqual(texts.map((t) => classify(t)));
  });

  it("keeps each batch's order when batches overlap", async () => {
    const a = texts.slice(0, 300);
    const b = texts.slice(300);
    const [ra, rb] = await Promise.all([classifyOnThread(a), classifyOnThread(b)]);
    expect(ra).toEqual(a.map((t) => classify(t)));
    expect(rb).toEqual(b.map((t) => classify(t)));
  });

  it("classifies small batches and large ones alike through classifyMany", async () => {
    expect(await classifyMany(texts.slice(0, 3))).toEqual(texts.slice(0, 3).map((t) => classify(t)));
    expect(await classifyMany(texts)).toEqual(texts.map((t) => classify(t)));
  });
});
