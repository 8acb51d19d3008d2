import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { SelectField } from "../../components/SelectField.js";
import { TextField } from "../../components/TextField.js";
import { useMutateOnce } from "../../lib/useMutateOnce.js";
import { addCost, analyticsKey, type Cost, deleteCost, fetchCosts } from "./api.js";
import { type Column, DataTable } from "./DataTable.js";
import { dayLabel, formatMoney, utcDay } from "./format.js";

/** A campaign's cost entries (money, or hours × rate) and, for those who manage campaigns, a form to add one. */
export function CostsPanel({ campaignId, currency, canManage }: { campaignId: string; currency: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const costs = useQuery({ queryKey: [...analyticsKey, "costs", campaignId], queryFn: () => fetchCosts(campaignId) });
  const [kind, setKind] = useState<"money" | "hours">("money");
  const [amount, setAmount] = useState("");
  const [hours, setHours] = useState("");
  const [rate, setRate] = useState("");
  const [note, setNote] = useState("");
  const [incurredOn, setIncurredOn] = useState(utcDay(0));
  const refresh = () => queryClient.invalidateQueries({ queryKey: analyticsKey });
  const add = useMutation({
    mutationFn: () =>
      addCost(
        campaignId,
        kind === "money"
          ? { kind, amount: Number(amount), note, incurredOn }
          : { kind, hours: Number(hours), rate: Number(rate), note, incurredOn },
      ),
    onSuccess: async () => {
      setAmount("");
      setHours("");
      setNote("");
      await refresh();
    },
  });
  const addOnce = useMutateOnce(add);
  const remove = useMutation({ mutationFn: (id: string) => deleteCost(campaignId, id), onSuccess: refresh });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    addOnce();
  };
  const money = (v: number | null) => formatMoney(v, currency);
  const columns: Column<Cost>[] = [
    { header: "Day", value: (c) => c.incurredOn, render: (c) => dayLabel(c.incurredOn, true) },
    {
      header: "What",
      value: (c) => (c.kind === "hours" ? `${c.hours} h × ${c.rate}` : "Money"),
      render: (c) => (c.kind === "hours" ? `${c.hours} h × ${money(c.rate)}` : "Money"),
    },
    { header: "Note", value: (c) => c.note },
    { header: `Amount (${currency})`, value: (c) => c.amount, render: (c) => money(c.amount), numeric: true },
    { header: "Added by", value: (c) => c.createdBy?.name ?? null },
  ];
  if (canManage)
    columns.push({
      header: "Remove",
      value: () => null,
      render: (c) => (
        <button
          type="button"
          className="button button-small"
          onClick={() => remove.mutate(c.id)}
          aria-label={`Remove the cost of ${money(c.amount)} on ${dayLabel(c.incurredOn)}`}
        >
          Remove
        </button>
      ),
    });
  return (
    <section className="card analytics-costs" aria-labelledby="analytics-costs">
      <h2 id="analytics-costs">Costs</h2>
      {canManage && (
        <form className="analytics-cost-form" onSubmit={submit} aria-label="Add a cost">
          <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as "money" | "hours")}>
            <option value="money">Money</option>
            <option value="hours">Hours × rate</option>
          </SelectField>
          {kind === "money" ? (
            <TextField
              label={`Amount (${currency})`}
              type="number"
              min={0}
              step="0.01"
              required
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          ) : (
            <>
              <TextField
                label="Hours"
                type="number"
                min={0}
                step="0.25"
                required
                value={hours}
                onChange={(e) => setHours(e.target.value)}
              />
              <TextField
                label={`Rate per hour (${currency})`}
                type="number"
                min={0}
                step="0.01"
                required
                value={rate}
                onChange={(e) => setRate(e.target.value)}
              />
            </>
          )}
          <TextField label="Day" type="date" required value={incurredOn} onChange={(e) => setIncurredOn(e.target.value)} />
          <TextField label="Note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <div className="analytics-form-actions">
            <button type="submit" className="button button-primary" disabled={add.isPending}>
              Add cost
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={add.error ?? remove.error} title="The cost was not saved" />
      {costs.isError ? (
        <ErrorMessage error={costs.error} title="Costs could not be loaded" />
      ) : (
        <DataTable
          caption="Cost entries"
          columns={columns}
          rows={costs.data ?? []}
          rowKey={(c) => c.id}
          filename={`campaign-costs-${campaignId}.csv`}
          empty="No costs entered yet: cost per lead and ROI need them."
        />
      )}
    </section>
  );
}
