import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type CheckInput, checkText, type Finding, POST_KINDS, type PostKind, policyKey } from "../../api/policy.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { SelectField } from "../../components/SelectField.js";
import { TextAreaField } from "../../components/TextAreaField.js";
import { useDebouncedValue } from "../../lib/useDebouncedValue.js";
import { Highlighted } from "./Highlighted.js";
import { KIND_LABELS, LEVEL_LABELS } from "./labels.js";

const CHECK_DELAY_MS = 300;

function summaryOf(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No findings: this text follows the policy.";
  const count = (level: Finding["level"], word: string) => {
    const n = findings.filter((f) => f.level === level).length;
    return n === 0 ? [] : [`${n} ${word}${n === 1 ? "" : "s"}`];
  };
  return `${findings.length} finding${findings.length === 1 ? "" : "s"}: ${[
    ...count("error", "error"),
    ...count("warning", "warning"),
    ...count("suggestion", "suggestion"),
  ].join(", ")}.`;
}

/** Replaces what a finding is about with one of its fixes (or inserts it, for an insertion point). */
const applyFix = (text: string, f: Finding, fix: string) => text.slice(0, f.start) + fix + text.slice(f.end);

/**
 * Any text checked against the policy as it is now, live as the person types: the same check the
 * composer and `switchboard lint` run. Saving a setting above re-checks (the version is in the key).
 */
export function TryItBox({ version }: { version: number }) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState<PostKind>("post");
  const [inReplyTo, setInReplyTo] = useState("");
  const input: CheckInput = { text, kind, ...(kind === "reply" && inReplyTo.trim() ? { inReplyTo } : {}) };
  const settled = JSON.parse(useDebouncedValue(JSON.stringify(input), CHECK_DELAY_MS)) as CheckInput;
  const check = useQuery({
    queryKey: [...policyKey, "check", version, settled],
    // The findings travel with the text they were found in: offsets only make sense against it.
    queryFn: async ({ signal }) => ({ text: settled.text, findings: await checkText(settled, signal) }),
    enabled: settled.text.trim() !== "",
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const checked = text.trim() === "" ? undefined : check.data;
  const findings = checked?.findings ?? [];
  const busy = check.isFetching || JSON.stringify(input) !== JSON.stringify(settled);

  return (
    <div className="policy-try">
      <div className="policy-try-inputs">
        <TextAreaField
          label="Text to check"
          hint="Type or paste a post, reply or share; it is checked as you type and never saved."
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="policy-try-options">
          <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as PostKind)}>
            {POST_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
          {kind === "reply" && (
            <TextAreaField
              label="In reply to"
              hint="The message being answered, to check that the reply addresses it."
              rows={3}
              value={inReplyTo}
              onChange={(e) => setInReplyTo(e.target.value)}
            />
          )}
        </div>
      </div>
      <ErrorMessage error={check.error} title="The text could not be checked" />
      {text.trim() !== "" && (
        <div className="policy-try-result" aria-busy={busy}>
          <p className="policy-try-summary" role="status">
            {checked ? summaryOf(findings) : "Checking…"}
          </p>
          {findings.length > 0 && (
            <>
              <Highlighted text={checked?.text ?? ""} findings={findings} />
              <ol className="policy-findings" aria-label="Findings">
                {findings.map((f, n) => (
                  <li
                    key={`${f.source}.${f.ruleId}:${f.start}:${f.end}:${f.reason}`}
                    className={`policy-finding policy-finding-${f.level}`}
                  >
                    <span className="policy-finding-number" aria-hidden="true">
                      {n + 1}
                    </span>
                    <div className="policy-finding-body">
                      <p>
                        <span className={`level-badge level-badge-${f.level}`}>{LEVEL_LABELS[f.level]}</span>{" "}
                        {f.actual && !f.reason.includes(f.actual) && (
                          <>
                            <q className="policy-finding-actual">{f.actual}</q>{" "}
                          </>
                        )}
                        {f.reason}
                      </p>
                      <p className="policy-finding-meta">
                        <code>
                          {f.source}.{f.ruleId}
                        </code>
                        {f.url && (
                          <>
                            {" · "}
                            <a href={f.url} target="_blank" rel="noreferrer">
                              Guide<span className="sr-only">: {f.reason}</span>
                            </a>
                          </>
                        )}
                      </p>
                      {f.expected && f.expected.length > 0 && (
                        <p className="policy-finding-fixes">
                          <span className="muted">Suggested fix:</span>{" "}
                          {f.expected.map((fix) => (
                            <button
                              key={fix}
                              type="button"
                              className="button button-small"
                              disabled={checked?.text !== text}
                              onClick={() => setText(applyFix(text, f, fix))}
                            >
                              {fix === "" ? "Remove it" : `Use “${fix.trim()}”`}
                            </button>
                          ))}
                        </p>
                      )}
                    </div>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </div>
  );
}
