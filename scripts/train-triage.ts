// npm run train:triage — trains the shipped inbox classification model (issue 6); see docs/inbox-classification.md.
import { runTrainTriage } from "../server/inbox/classify/cli/trainTriage.js";

process.exitCode = runTrainTriage(process.argv.slice(2));
