// Reads Vitest's JSON report and fails the CI run when a test failed, was
// skipped or left as todo, or when nothing ran at all. Prints the closing
// "N passed, N failed" line CI systems read.
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? "test-results/vitest.json";
const report = JSON.parse(readFileSync(file, "utf8"));
const skipped = [];
for (const suite of report.testResults ?? []) {
  for (const test of suite.assertionResults ?? []) {
    if (test.status !== "passed" && test.status !== "failed") skipped.push(`${suite.name}: ${test.fullName} (${test.status})`);
  }
  if ((suite.assertionResults ?? []).length === 0) skipped.push(`${suite.name}: no tests ran (${suite.status})`);
}
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
if (skipped.length > 0) {
  console.error(`Skipped or unrun tests are not allowed in CI:\n  ${skipped.join("\n  ")}`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped.length} skipped`);
process.exit(failed === 0 && skipped.length === 0 && passed > 0 && report.success !== false ? 0 : 1);
