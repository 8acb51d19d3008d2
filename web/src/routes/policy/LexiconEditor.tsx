import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useState } from "react";
import { LEVELS, type Level, type Lexicon, type PolicyView, policyKey, saveLexicon } from "../../api/policy.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { useToast } from "../../components/Toasts.js";
import { LEVEL_LABELS } from "./labels.js";
import {
  describeLexiconChanges,
  emptyRow,
  type LexiconRows,
  LIST_NAMES,
  LISTS,
  type ListName,
  lexiconOf,
  lexiconProblem,
  rowsOf,
  type TermRow,
} from "./lexiconDraft.js";
import { UnsavedChanges } from "./UnsavedChanges.js";

function TermList({
  name,
  rows,
  onChange,
  onAdd,
}: {
  name: ListName;
  rows: TermRow[];
  onChange: (rows: TermRow[]) => void;
  onAdd: () => void;
}) {
  const info = LISTS[name];
  const hintId = useId();
  const set = (key: number, patch: Partial<TermRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const lower = info.singular.toLowerCase();
  return (
    <fieldset className="fieldset policy-list" aria-describedby={hintId}>
      <legend>{info.title}</legend>
      <p id={hintId} className="field-hint">
        {info.hint} Flagged as {LEVEL_LABELS[info.defaultLevel].toLowerCase()} unless a term says otherwise.
      </p>
      {rows.length === 0 ? (
        <p className="muted policy-list-empty">None yet.</p>
      ) : (
        <ul className={`policy-term-rows policy-term-rows-${info.extra ?? "plain"}`}>
          {rows.map((row, i) => {
            const n = `${info.singular} ${i + 1}`;
            return (
              <li key={row.key} className="policy-term-row">
                <input
                  className="input"
                  aria-label={n}
                  placeholder={name === "swaps" ? "Instead of…" : info.singular}
                  data-row-key={row.key}
                  value={row.term}
                  onChange={(e) => set(row.key, { term: e.target.value })}
                />
                {info.extra === "use" && (
                  <input
                    className="input"
                    aria-label={`Use instead of ${lower} ${i + 1}`}
                    placeholder="write…"
                    value={row.use}
                    onChange={(e) => set(row.key, { use: e.target.value })}
                  />
                )}
                {info.extra === "variants" && (
                  <input
                    className="input"
                    aria-label={`Wrong spellings of ${lower} ${i + 1}`}
                    placeholder="Wrong spellings, comma-separated"
                    value={row.variants}
                    onChange={(e) => set(row.key, { variants: e.target.value })}
                  />
                )}
                <input
                  className="input"
                  aria-label={`Reason for ${lower} ${i + 1}`}
                  placeholder="Reason (optional)"
                  value={row.reason}
                  onChange={(e) => set(row.key, { reason: e.target.value })}
                />
                {info.hasLevel && (
                  <select
                    className="input"
                    aria-label={`Level of ${lower} ${i + 1}`}
                    value={row.level}
                    onChange={(e) => set(row.key, { level: e.target.value as Level | "" })}
                  >
                    <option value="">Default ({LEVEL_LABELS[info.defaultLevel]})</option>
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {LEVEL_LABELS[l]}
                      </option>
                    ))}
                  </select>
                )}
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                >
                  Remove <span className="sr-only">{row.term.trim() ? `${lower} ${row.term.trim()}` : n}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="button button-small" onClick={onAdd}>
        Add {lower}
      </button>
    </fieldset>
  );
}

/** The lexicon as people without policy.manage see it: terms, not inputs. */
function LexiconReadOnly({ lexicon }: { lexicon: Lexicon }) {
  const rows = rowsOf(lexicon);
  return (
    <div className="policy-lists">
      {LIST_NAMES.map((name) => (
        <div key={name} className="policy-list">
          <h3 className="policy-list-title">{LISTS[name].title}</h3>
          <p className="field-hint">{LISTS[name].hint}</p>
          {rows[name].length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="policy-term-readonly">
              {rows[name].map((r) => (
                <li key={r.key}>
                  <strong>{r.term}</strong>
                  {r.use && <> → {r.use}</>}
                  {r.variants && <span className="muted"> (not {r.variants})</span>}
                  {r.level && <span className={`level-badge level-badge-${r.level}`}>{LEVEL_LABELS[r.level]}</span>}
                  {r.reason && <span className="muted"> · {r.reason}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

/** The company's own words, five lists edited as rows and saved together. */
export function LexiconEditor({ policy, canManage }: { policy: PolicyView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<LexiconRows | null>(null);
  const [focusKey, setFocusKey] = useState<number | null>(null);
  useEffect(() => {
    if (focusKey === null) return;
    document.querySelector<HTMLInputElement>(`[data-row-key="${focusKey}"]`)?.focus();
    setFocusKey(null);
  }, [focusKey]);
  const save = useMutation({
    mutationFn: (lexicon: Lexicon) => saveLexicon(lexicon),
    onSuccess: (view) => {
      queryClient.setQueryData(policyKey, view);
      setDraft(null);
      toast("Saved the lexicon");
    },
  });
  // Rows get keys when made: made once per saved lexicon, so a re-render (a refetch) does not remount the inputs.
  const savedRows = useMemo(() => rowsOf(policy.lexicon), [policy.lexicon]);
  if (!canManage) return <LexiconReadOnly lexicon={policy.lexicon} />;

  const rows = draft ?? savedRows;
  const changes = draft ? describeLexiconChanges(policy.lexicon, lexiconOf(draft)) : [];
  return (
    <>
      <div className="policy-lists">
        {LIST_NAMES.map((name) => (
          <TermList
            key={name}
            name={name}
            rows={rows[name]}
            onChange={(list) => setDraft({ ...rows, [name]: list })}
            onAdd={() => {
              const row = emptyRow();
              setDraft({ ...rows, [name]: [...rows[name], row] });
              setFocusKey(row.key);
            }}
          />
        ))}
      </div>
      <UnsavedChanges
        label="lexicon"
        changes={changes}
        pending={save.isPending}
        invalid={draft ? lexiconProblem(draft) : undefined}
        onSave={() => draft && save.mutate(lexiconOf(draft))}
        onDiscard={() => {
          setDraft(null);
          save.reset();
        }}
      />
      <ErrorMessage error={save.error} title="The lexicon was not saved" />
    </>
  );
}
