import { type FormEvent, useState } from "react";
import { formatInZone, instantToZonedTime, zonedTimeToInstant } from "../../../../../shared/zonedTime.js";
import type { Post } from "../../../api/posts.js";
import { Modal } from "../../../components/Modal.js";
import { TextField } from "../../../components/TextField.js";
import { firstLine } from "./postText.js";
import { refusalOf } from "./useMovePost.js";

interface MoveDialogProps {
  post: Post & { scheduledAt: string };
  /** The calendar's zone: the date and time are read in it, as the calendar shows them. */
  timeZone: string;
  onMove: (to: string) => void;
  onClose: () => void;
}

/** The keyboard (and phone) way to reschedule: a date and a time, instead of a drag. */
export function MoveDialog({ post, timeZone, onMove, onClose }: MoveDialogProps) {
  const [wall, setWall] = useState(() => instantToZonedTime(post.scheduledAt, timeZone));
  const [error, setError] = useState<string | undefined>();
  const instant = zonedTimeToInstant(wall, timeZone);

  return (
    <Modal title="Move post" description={`“${firstLine(post.text)}”`} onClose={onClose} size="small">
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          if (!instant) return setError("Choose a date and a time.");
          const refusal = refusalOf(instant.iso, timeZone);
          if (refusal) return setError(refusal.message);
          onMove(instant.iso);
          close();
        };
        return (
          <form className="form" onSubmit={submit} noValidate>
            <div className="form-grid">
              <TextField
                label="Date"
                type="date"
                required
                value={wall.date}
                onChange={(e) => setWall({ ...wall, date: e.target.value })}
                error={error}
              />
              <TextField label="Time" type="time" required value={wall.time} onChange={(e) => setWall({ ...wall, time: e.target.value })} />
            </div>
            <p className="field-hint">
              In {timeZone}, the calendar’s time zone.
              {instant &&
                post.timeZone !== timeZone &&
                ` That is ${formatInZone(instant.iso, post.timeZone)} in ${post.timeZone}, the post’s own zone.`}
              {instant?.adjustment === "skipped" &&
                " That time does not exist on that day (the clocks go forward): the post moves to just after."}
            </p>
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-primary">
                Move post
              </button>
            </div>
          </form>
        );
      }}
    </Modal>
  );
}
