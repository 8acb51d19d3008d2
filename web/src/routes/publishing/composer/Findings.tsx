import type { Finding } from "../../../api/policy.js";

const LEVEL_LABELS = { error: "Blocks", warning: "Warning", suggestion: "Suggestion" } as const;
const LEVEL_BADGES = { error: "badge badge-danger", warning: "badge badge-warn", suggestion: "badge badge-quiet" } as const;

/** The policy's findings on one text: level, the reason (which quotes the words), a fix when there is one, and the guide. */
export function Findings({ findings, label }: { findings: readonly Finding[]; label: string }) {
  if (findings.length === 0) return null;
  return (
    <ul className="findings" aria-label={label} aria-live="polite">
      {findings.map((f) => (
        <li key={`${f.source}.${f.ruleId}:${f.start}:${f.end}`} className={`finding finding-${f.level}`}>
          <span className={LEVEL_BADGES[f.level]}>{LEVEL_LABELS[f.level]}</span> {f.actual && <q className="finding-actual">{f.actual}</q>}{" "}
          {f.reason}
          {f.expected && f.expected.length > 0 && f.expected[0] !== "" && (
            <span className="finding-fix"> Try: {f.expected.map((e) => `“${e}”`).join(" or ")}.</span>
          )}
          {f.url && (
            <>
              {" "}
              <a href={f.url} target="_blank" rel="noreferrer">
                Why?
              </a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
