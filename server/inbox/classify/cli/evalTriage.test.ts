import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runEvalTriage } from "./evalTriage.js";

const SAMPLE = fileURLToPath(new URL("../fixtures/airline-held-out-sample.csv", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "eval-triage-"));
const HEADER = "tweet_id,airline_sentiment,negativereason,airline,text,tweet_created";

function run(args: string[]) {
  let out = "";
  let err = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const stderr = Object.assign(
    sink((s) => (err += s)),
    { isTTY: false },
  ) as unknown as NodeJS.WriteStream;
  const code = runEvalTriage(
    args,
    sink((s) => (out += s)),
    stderr,
  );
  return {
    code,
    out,
    err,
    lines:
      out.trim() === ""
        ? []
        : out
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l)),
  };
}

function csv(name: string, content: string) {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe("eval:triage", () => {
  it("prints the metrics as benchmark JSON lines with the always-negative baseline", () => {
    const { code, lines } = run(["--data", SAMPLE]);
    expect(code).toBe(0);
    const byMetric = Object.fromEntries(lines.map((l) => [l.metric, l]));
    for (const l of lines) expect(l.bench).toBe("triage");
    expect(byMetric.rows_scored.value).toBe(604);
    expect(byMetric.rows_skipped.value).toBe(0);
    for (const metric of ["sentiment_accuracy", "sentiment_macro_f1", "reason_accuracy"]) {
      expect(byMetric[metric].value).toBeGreaterThan(0);
      expect(byMetric[metric].value).toBeLessThanOrEqual(1);
      expect(byMetric[metric].baseline).toBeGreaterThan(0);
    }
    expect(byMetric.sentiment_accuracy.value).toBeGreaterThan(byMetric.sentiment_accuracy.baseline);
  });

  it("skips rows the model was trained on and says how many", async () => {
    const { loadModel, SHIPPED_MODEL_PATH } = await import("../loadModel.js");
    const [trained] = loadModel(SHIPPED_MODEL_PATH).trainedIds;
    const file = csv(
      "mixed.csv",
      `${HEADER}\n${trained},negative,Late Flight,United,@united late again,2/24/2015 11:35\n1,positive,,Delta,@Delta thanks!,2/24/2015 11:36\n`,
    );
    const { code, lines } = run(["--data", file]);
    expect(code).toBe(0);
    expect(lines.find((l) => l.metric === "rows_skipped")?.value).toBe(1);
    expect(lines.find((l) => l.metric === "rows_scored")?.value).toBe(1);
  });

  it.each([
    ["an empty file", "", /is empty/],
    ["a header only", `${HEADER}\n`, /no rows/],
    ["missing columns", "tweet_id,text\n1,hello\n", /lacks the column\(s\) airline_sentiment, negativereason/],
    ["an unknown sentiment", `${HEADER}\n1,angry,,United,hi,2/24/2015 11:35\n`, /line 2: unknown airline_sentiment "angry"/],
    ["an unknown reason", `${HEADER}\n1,negative,Bad Food,United,hi,2/24/2015 11:35\n`, /unknown negativereason "Bad Food"/],
    ["broken CSV", `${HEADER}\n1,negative,"Late Flight,United,hi\n`, /not valid CSV/],
  ])("rejects %s with a clear message and a non-zero exit", (_what, content, message) => {
    const { code, err, out } = run(["--data", csv(`bad-${Math.random()}.csv`, content)]);
    expect(code).not.toBe(0);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
    expect(out).toBe("");
  });

  it("rejects a missing file, a missing --data and an unknown option", () => {
    expect(run(["--data", path.join(dir, "nope.csv")])).toMatchObject({ code: 1, err: expect.stringMatching(/cannot read .*ENOENT/) });
    expect(run([])).toMatchObject({ code: 2, err: expect.stringMatching(/--data is required/) });
    expect(run(["--data", SAMPLE, "--bogus"])).toMatchObject({ code: 2, err: expect.stringMatching(/bogus/) });
  });

  it("rejects a file that is not a model", () => {
    const notModel = csv("model.json.gz", "not a model");
    expect(run(["--data", SAMPLE, "--model", notModel])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/not a gzip'd JSON model file/),
    });
  });
});
