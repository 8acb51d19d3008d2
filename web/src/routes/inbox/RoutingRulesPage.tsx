import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { fetchRoutingRules, type RoutingRule, routingRulesKey, saveRoutingRules } from "../../api/routing.js";
import { ConfirmDialog } from "../../components/ConfirmDialog.js";
import { EmptyState } from "../../components/EmptyState.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { useToast } from "../../components/Toasts.js";
import { UnsavedChangesGuard } from "../../components/UnsavedChangesGuard.js";
import { agentsKey, slaPoliciesKey, teamSettingsKey } from "./queueApi.js";
import { type RuleProblem, ruleProblemOf, useRoutingChoices } from "./RoutingChoices.js";
import { RuleEditor } from "./RuleEditor.js";
import { type DraftRule, draftOf, draftProblem, inputOf, newDraft, RuleSummary } from "./RuleSummary.js";
import "./inbox.css";
import "./RoutingRules.css";

const snapshot = (rules: DraftRule[]) => JSON.stringify(rules.map(inputOf));

/**
 * /inbox/routing: the routing rules in the order they apply. The server takes the whole ordered list at
 * once (PUT /api/inbox/routing-rules), so the page edits a draft and saves it in one go; reordering,
 * enabling and deleting change the draft too, and nothing applies until "Save rules".
 */
export function RoutingRulesPage() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: routingRulesKey, queryFn: fetchRoutingRules });
  const { choices, error: choicesError } = useRoutingChoices();
  const [draft, setDraft] = useState<DraftRule[] | null>(null);
  const [saved, setSaved] = useState("[]");
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<DraftRule | null>(null);
  const [problem, setProblem] = useState<RuleProblem | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const moveButtons = useRef(new Map<string, HTMLButtonElement | null>());
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);

  const load = (list: RoutingRule[]) => {
    const next = list.map(draftOf);
    setDraft(next);
    setSaved(snapshot(next));
  };
  // The first answer fills the draft; later refetches do not overwrite what the lead is editing.
  useEffect(() => {
    if (!rules.data || draft !== null) return;
    const first = rules.data.map(draftOf);
    setDraft(first);
    setSaved(snapshot(first));
  }, [rules.data, draft]);

  const dirty = draft !== null && snapshot(draft) !== saved;

  // After a move the button pressed may have left the DOM's order; keep the keyboard where it was.
  useEffect(() => {
    if (!focusAfterMove) return;
    const button = moveButtons.current.get(focusAfterMove);
    if (button?.disabled) moveButtons.current.get(focusAfterMove.replace(/:(up|down)$/, (_, d) => (d === "up" ? ":down" : ":up")))?.focus();
    else button?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove]);

  const save = useMutation({
    mutationFn: (list: DraftRule[]) => saveRoutingRules(list.map(inputOf)),
    onSuccess: (list) => {
      queryClient.setQueryData(routingRulesKey, list);
      load(list);
      setProblem(null);
      setEditing(null);
      toast(`Routing rules saved (${list.length} rule${list.length === 1 ? "" : "s"})`);
    },
    onError: (error) => {
      const found = ruleProblemOf(error);
      // A team, agent or policy gone since the page loaded: show the lists as they are now.
      if (found?.part && found.part !== "conditions")
        for (const queryKey of [teamSettingsKey, agentsKey, slaPoliciesKey]) void queryClient.invalidateQueries({ queryKey });
      setProblem(found);
      const rule = found && draft?.[found.index];
      if (rule) setEditing(rule.key);
    },
  });

  const submit = () => {
    if (!draft) return;
    save.reset();
    for (const [index, rule] of draft.entries()) {
      const local = draftProblem(rule);
      if (local) {
        setProblem({ index, ...local });
        setEditing(rule.key);
        return;
      }
    }
    setProblem(null);
    save.mutate(draft);
  };

  const update = (key: string, change: (rule: DraftRule) => DraftRule) =>
    setDraft((list) => list?.map((r) => (r.key === key ? change(r) : r)) ?? null);

  const move = (index: number, by: -1 | 1) => {
    if (!draft) return;
    const to = index + by;
    const rule = draft[index];
    if (!rule || to < 0 || to >= draft.length) return;
    const next = [...draft];
    next.splice(index, 1);
    next.splice(to, 0, rule);
    setDraft(next);
    if (problem) setProblem(null);
    setAnnouncement(`${rule.name || "Untitled rule"} moved to position ${to + 1} of ${next.length}. Not saved yet.`);
    setFocusAfterMove(`${rule.key}:${by === -1 ? "up" : "down"}`);
  };

  const add = () => {
    const rule = newDraft();
    setDraft((list) => [...(list ?? []), rule]);
    setEditing(rule.key);
  };

  const discard = () => {
    if (rules.data) load(rules.data);
    setEditing(null);
    setProblem(null);
    save.reset();
  };

  return (
    <>
      <UnsavedChangesGuard when={dirty} what="the routing rules" />
      <PageHeader
        title="Routing rules"
        description="Sort new conversations as they arrive: to a team or an agent, at a priority, with tags, a suggested reply and an SLA."
        actions={
          <>
            <Link className="button" to="/inbox/settings">
              Queue settings
            </Link>
            <Link className="button" to="/inbox">
              Back to the inbox
            </Link>
          </>
        }
      />
      <div className="routing-page">
        <section className="card routing-how" aria-labelledby="routing-how-heading">
          <h2 id="routing-how-heading">How rules apply</h2>
          <p>
            Rules run from the top on each <strong>new conversation's first message</strong>. <strong>Every</strong> enabled rule whose
            conditions all hold applies, not only the first: a later rule's team, agent, priority, suggested reply and SLA replace an
            earlier one's, and tags add up. A rule marked <em>Stop here</em> ends the run. Without a rule saying otherwise, a negative
            complaint starts at high priority. Later messages in a conversation are not routed again.
          </p>
        </section>

        <ErrorMessage error={rules.error} title="The routing rules could not be loaded" />
        <ErrorMessage error={choicesError} title="Some choices (teams, agents, replies) could not be loaded" />
        <ErrorMessage error={save.error} title="The rules were not saved" />

        <div aria-live="polite" className="sr-only">
          {announcement}
        </div>

        {draft === null ? (
          rules.isPending && <Loading label="Loading the routing rules…" />
        ) : draft.length === 0 ? (
          <EmptyState title="No routing rules yet">
            <p>New conversations wait in the inbox unassigned, at normal priority (high for negative complaints).</p>
            <button type="button" className="button button-primary" onClick={add}>
              Add a rule
            </button>
          </EmptyState>
        ) : (
          <ol className="routing-rules" aria-label="Routing rules, in the order they apply">
            {draft.map((rule, index) => {
              const name = rule.name.trim() || "Untitled rule";
              const isEditing = editing === rule.key;
              const ruleProblem = problem?.index === index ? problem : null;
              return (
                <li
                  key={rule.key}
                  className="card routing-rule"
                  data-disabled={!rule.enabled || undefined}
                  aria-label={`${index + 1}. ${name}`}
                >
                  <div className="routing-rule-header">
                    <span className="routing-rule-number" aria-hidden="true">
                      {index + 1}
                    </span>
                    <h2>{name}</h2>
                    {!rule.enabled && <span className="badge badge-quiet">Disabled</span>}
                    {!rule.id && <span className="badge badge-accent">New</span>}
                    <div className="routing-rule-controls">
                      <label className="routing-switch">
                        <input
                          type="checkbox"
                          aria-label={`Enabled: ${name}`}
                          checked={rule.enabled}
                          onChange={(e) => update(rule.key, (r) => ({ ...r, enabled: e.target.checked }))}
                        />{" "}
                        Enabled
                      </label>
                      <button
                        type="button"
                        className="button button-small"
                        ref={(el) => {
                          moveButtons.current.set(`${rule.key}:up`, el);
                        }}
                        disabled={index === 0}
                        aria-label={`Move ${name} up`}
                        title="Move up"
                        onClick={() => move(index, -1)}
                      >
                        <span aria-hidden="true">↑</span>
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        ref={(el) => {
                          moveButtons.current.set(`${rule.key}:down`, el);
                        }}
                        disabled={index === draft.length - 1}
                        aria-label={`Move ${name} down`}
                        title="Move down"
                        onClick={() => move(index, 1)}
                      >
                        <span aria-hidden="true">↓</span>
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        aria-expanded={isEditing}
                        onClick={() => setEditing(isEditing ? null : rule.key)}
                      >
                        {isEditing ? "Close" : "Edit"}
                        <span className="sr-only"> {name}</span>
                      </button>
                      <button type="button" className="button button-small button-danger-quiet" onClick={() => setDeleting(rule)}>
                        Delete<span className="sr-only"> {name}</span>
                      </button>
                    </div>
                  </div>
                  {isEditing ? (
                    <RuleEditor
                      rule={rule}
                      choices={choices}
                      problem={ruleProblem}
                      onChange={(next) => update(rule.key, () => next)}
                      onDone={() => setEditing(null)}
                    />
                  ) : (
                    <>
                      <RuleSummary rule={inputOf(rule)} choices={choices} />
                      {ruleProblem && <p className="field-error">{ruleProblem.message}</p>}
                    </>
                  )}
                </li>
              );
            })}
          </ol>
        )}

        {draft !== null && (draft.length > 0 || dirty) && (
          <div className="routing-savebar">
            {draft.length > 0 && (
              <button type="button" className="button" onClick={add}>
                Add a rule
              </button>
            )}
            <span className="routing-savebar-status" aria-live="polite">
              {dirty ? "Unsaved changes" : "All changes saved"}
            </span>
            <button type="button" className="button" disabled={!dirty || save.isPending} onClick={discard}>
              Discard changes
            </button>
            <button type="button" className="button button-primary" disabled={!dirty || save.isPending} onClick={submit}>
              {save.isPending ? "Saving…" : "Save rules"}
            </button>
          </div>
        )}
      </div>

      {deleting && (
        <ConfirmDialog
          title="Delete this rule?"
          confirmLabel="Delete rule"
          danger
          pending={false}
          error={null}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            setDraft((list) => list?.filter((r) => r.key !== deleting.key) ?? null);
            if (editing === deleting.key) setEditing(null);
            setProblem(null);
          }}
        >
          <p>“{deleting.name.trim() || "Untitled rule"}” is removed from the list; it stops applying once you save the rules.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
