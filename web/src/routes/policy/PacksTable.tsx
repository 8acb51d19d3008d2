import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { LEVELS, type Level, type PolicyRule, type PolicySettings, type PolicyView, policyKey, saveSettings } from "../../api/policy.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { useToast } from "../../components/Toasts.js";
import { LEVEL_HINT, LEVEL_LABELS, PACKS, sourceTitle } from "./labels.js";
import { SettingsThresholds } from "./SettingsThresholds.js";
import { describeChanges, setToggle } from "./settingsDraft.js";
import { UnsavedChanges } from "./UnsavedChanges.js";

interface Group {
  source: string;
  isStyle: boolean;
  rules: PolicyRule[];
}

function groupsOf(policy: PolicyView): Group[] {
  const groups = new Map<string, Group>();
  for (const rule of policy.rules) {
    const group = groups.get(rule.source) ?? { source: rule.source, isStyle: !(rule.source in PACKS), rules: [] };
    group.rules.push(rule);
    groups.set(rule.source, group);
  }
  // Built-in packs first, in the docs' order; then the uploaded styles by name.
  const order = Object.keys(PACKS);
  return [...groups.values()].sort((a, b) =>
    a.isStyle !== b.isStyle
      ? a.isStyle
        ? 1
        : -1
      : a.isStyle
        ? a.source.localeCompare(b.source)
        : order.indexOf(a.source) - order.indexOf(b.source),
  );
}

function Switch({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        aria-checked={checked}
        aria-label={label}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="switch-track" aria-hidden="true" />
      <span className="switch-text" aria-hidden="true">
        {checked ? "On" : "Off"}
      </span>
    </label>
  );
}

function LevelSelect({
  label,
  value,
  inheritedLabel,
  disabled,
  onChange,
}: {
  label: string;
  value: Level | undefined;
  inheritedLabel: string;
  disabled: boolean;
  onChange: (level: Level | undefined) => void;
}) {
  return (
    <select
      className="input input-compact"
      aria-label={label}
      value={value ?? ""}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value === "" ? undefined : (e.target.value as Level))}
    >
      <option value="">{inheritedLabel}</option>
      {LEVELS.map((l) => (
        <option key={l} value={l}>
          {LEVEL_LABELS[l]}
        </option>
      ))}
    </select>
  );
}

/**
 * Every pack and Vale style with an on/off switch and a level, each expandable to its rules with the
 * same controls. Changes collect in a draft and go to the server together, as one settings object.
 */
export function PacksTable({ policy, canManage }: { policy: PolicyView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<PolicySettings | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const settings = draft ?? policy.settings;
  const changes = draft ? describeChanges(policy.settings, draft) : [];
  const save = useMutation({
    mutationFn: () => saveSettings(settings),
    onSuccess: (view) => {
      queryClient.setQueryData(policyKey, view);
      setDraft(null);
      toast("Saved packs and rules");
    },
  });
  const update = (change: (s: PolicySettings) => PolicySettings) => setDraft(change(settings));
  const toggleOpen = (source: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(source)) next.delete(source);
      else next.add(source);
      return next;
    });
  const readOnly = !canManage;

  return (
    <>
      <div className="table-wrap">
        <table className="table policy-packs">
          <caption className="sr-only">Packs and rules</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Show rules</span>
              </th>
              <th scope="col">Pack or rule</th>
              <th scope="col">On</th>
              <th scope="col">Level</th>
            </tr>
          </thead>
          <tbody>
            {groupsOf(policy).map((group) => {
              const title = sourceTitle(group.source);
              const pack = settings.packs[group.source] ?? {};
              const packOn = pack.enabled ?? true;
              const isOpen = open.has(group.source);
              const ruleOn = (r: PolicyRule) => settings.rules[r.id]?.enabled ?? packOn;
              const onCount = group.rules.filter(ruleOn).length;
              const rulesId = `policy-rules-${group.source}`;
              return (
                <Fragment key={group.source}>
                  <tr className={isOpen ? "policy-pack-row row-open" : "policy-pack-row"}>
                    <td className="cell-toggle">
                      <button
                        type="button"
                        className="disclosure"
                        aria-expanded={isOpen}
                        aria-controls={isOpen ? rulesId : undefined}
                        aria-label={`Rules of ${title}`}
                        onClick={() => toggleOpen(group.source)}
                      >
                        <span className="chevron" aria-hidden="true" />
                      </button>
                    </td>
                    <th scope="row">
                      <span className="policy-pack-name">{title}</span>{" "}
                      {group.isStyle && <span className="badge badge-accent">Vale style</span>}
                      <span className="policy-pack-summary">
                        {PACKS[group.source]?.summary ?? "Uploaded Vale style."} {onCount} of {group.rules.length} rule
                        {group.rules.length === 1 ? "" : "s"} on.
                      </span>
                    </th>
                    <td>
                      <Switch
                        label={title}
                        checked={packOn}
                        disabled={readOnly}
                        onChange={(on) => update((s) => ({ ...s, packs: setToggle(s.packs, group.source, "enabled", on, true) }))}
                      />
                    </td>
                    <td>
                      <LevelSelect
                        label={`Level of ${title}`}
                        value={pack.level}
                        inheritedLabel="Each rule's own"
                        disabled={readOnly}
                        onChange={(level) => update((s) => ({ ...s, packs: setToggle(s.packs, group.source, "level", level, undefined) }))}
                      />
                    </td>
                  </tr>
                  {isOpen &&
                    group.rules.map((rule, i) => {
                      const own = settings.rules[rule.id] ?? {};
                      return (
                        <tr key={rule.id} className="policy-rule-row" id={i === 0 ? rulesId : undefined}>
                          <td />
                          <th scope="row">
                            <code className="policy-rule-id">{rule.id}</code>
                            <span className="policy-pack-summary">{rule.description}</span>
                          </th>
                          <td>
                            <Switch
                              label={rule.id}
                              checked={ruleOn(rule)}
                              disabled={readOnly}
                              onChange={(on) => update((s) => ({ ...s, rules: setToggle(s.rules, rule.id, "enabled", on, packOn) }))}
                            />
                          </td>
                          <td>
                            <LevelSelect
                              label={`Level of ${rule.id}`}
                              value={own.level}
                              inheritedLabel={
                                pack.level ? `As the pack (${LEVEL_LABELS[pack.level]})` : `Rule's own (${LEVEL_LABELS[rule.defaultLevel]})`
                              }
                              disabled={readOnly}
                              onChange={(level) => update((s) => ({ ...s, rules: setToggle(s.rules, rule.id, "level", level, undefined) }))}
                            />
                          </td>
                        </tr>
                      );
                    })}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="field-hint policy-level-hint">{LEVEL_HINT}</p>
      <SettingsThresholds settings={settings} readOnly={readOnly} onChange={(next) => update((s) => ({ ...s, ...next }))} />
      {canManage && (
        <UnsavedChanges
          label="packs and rules"
          changes={changes}
          pending={save.isPending}
          onSave={() => save.mutate()}
          onDiscard={() => {
            setDraft(null);
            save.reset();
          }}
        />
      )}
      <ErrorMessage error={save.error} title="The settings were not saved" />
    </>
  );
}
