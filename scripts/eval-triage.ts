// npm run eval:triage -- --data FILE.csv — scores the inbox classification model (issue 6); see docs/inbox-classification.md.
import { runEvalTriage } from "../server/inbox/classify/cli/evalTriage.js";

process.exitCode = runEvalTriage(process.argv.slice(2));
