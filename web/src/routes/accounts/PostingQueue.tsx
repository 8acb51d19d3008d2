import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { browserTimeZone, formatInZone, timeZoneChoices } from "../../../../shared/zonedTime.js";
import { auditKey } from "../../api/audit.js";
import { fetchQueue, type QueueSlot, queueKey, saveQueue } from "../../api/queues.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { SelectField } from "../../components/SelectField.js";
import { useToast } from "../../components/Toasts.js";
import "./accountSections.css";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const sortSlots = (slots: QueueSlot[]) => [...slots].sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time));

/** The weekly times this channel's queued posts go out, in the channel's time zone. */
export function PostingQueue({ accountId, canManage }: { accountId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const queue = useQuery({ queryKey: queueKey(accountId), queryFn: () => fetchQueue(accountId) });
  const [editing, setEditing] = useState<{ timeZone: string; slots: QueueSlot[] }>();
  const [adding, setAdding] = useState<QueueSlot>({ weekday: 1, time: "09:00" });
  const save = useMutation({
    mutationFn: (q: { timeZone: string; slots: QueueSlot[] }) => saveQueue(accountId, q),
    onSuccess: (saved) => {
      queryClient.setQueryData(queueKey(accountId), saved);
      void queryClient.invalidateQueries({ queryKey: auditKey });
      setEditing(undefined);
      toast("Posting queue saved");
    },
  });
  const data = queue.data;
  if (!data) return <ErrorMessage error={queue.error} title="The queue could not be loaded" />;
  const zone = data.timeZone ?? browserTimeZone();

  if (!editing) {
    return (
      <>
        {data.slots.length === 0 ? (
          <p className="muted">No queue yet: posts for this channel are scheduled at a chosen time.</p>
        ) : (
          <>
            <ul className="queue-slots" aria-label="Queue slots">
              {data.slots.map((s) => (
                <li key={`${s.weekday}-${s.time}`} className="badge badge-quiet">
                  {WEEKDAYS[s.weekday - 1]} {s.time}
                </li>
              ))}
            </ul>
            <p className="field-hint">
              Times in {zone.replaceAll("_", " ")}.{" "}
              {data.nextFreeSlot
                ? `Next free slot: ${formatInZone(data.nextFreeSlot, zone)}.`
                : "Every slot in the next eight weeks is taken."}
            </p>
          </>
        )}
        {canManage && (
          <button type="button" className="button button-small" onClick={() => setEditing({ timeZone: zone, slots: data.slots })}>
            {data.slots.length === 0 ? "Set up a queue" : "Edit queue"}
          </button>
        )}
      </>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(editing);
  };
  const add = () => {
    if (editing.slots.some((s) => s.weekday === adding.weekday && s.time === adding.time)) return;
    setEditing({ ...editing, slots: sortSlots([...editing.slots, adding]) });
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Edit posting queue">
      <SelectField
        label="Time zone of the queue"
        value={editing.timeZone}
        onChange={(e) => setEditing({ ...editing, timeZone: e.target.value })}
      >
        {timeZoneChoices(editing.timeZone).map((z) => (
          <option key={z} value={z}>
            {z.replaceAll("_", " ")}
          </option>
        ))}
      </SelectField>
      <ul className="queue-slots" aria-label="Queue slots">
        {editing.slots.map((s) => (
          <li key={`${s.weekday}-${s.time}`} className="badge badge-quiet">
            {WEEKDAYS[s.weekday - 1]} {s.time}{" "}
            <button
              type="button"
              className="queue-slot-remove"
              aria-label={`Remove ${WEEKDAYS[s.weekday - 1]} ${s.time}`}
              onClick={() => setEditing({ ...editing, slots: editing.slots.filter((x) => x !== s) })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="queue-add">
        <SelectField label="Day" value={String(adding.weekday)} onChange={(e) => setAdding({ ...adding, weekday: Number(e.target.value) })}>
          {WEEKDAYS.map((d, i) => (
            <option key={d} value={i + 1}>
              {d}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor={`queue-time-${accountId}`}>Time</label>
          <input
            id={`queue-time-${accountId}`}
            className="input"
            type="time"
            value={adding.time}
            onChange={(e) => setAdding({ ...adding, time: e.target.value })}
          />
        </div>
        <button type="button" className="button" onClick={add}>
          Add slot
        </button>
      </div>
      <ErrorMessage error={save.error} />
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setEditing(undefined)}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save queue
        </button>
      </div>
    </form>
  );
}
